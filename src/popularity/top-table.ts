// The "ten hottest pages" table the job prints every interval.
export function formatTopTable(top: [string, number][], heading: string): string {
  const width = Math.max(4, ...top.map(([page]) => page.length));
  const lines = [heading, ` #  ${'page'.padEnd(width)}  popularity`];
  top.forEach(([page, value], i) => {
    lines.push(`${String(i + 1).padStart(2)}  ${page.padEnd(width)}  ${value.toFixed(3).padStart(10)}`);
  });
  if (top.length === 0) lines.push('    (no pages yet)');
  return lines.join('\n');
}

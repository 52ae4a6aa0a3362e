// The managed block inside /etc/hosts: replace the lines between our markers, or append the
// block; every other line stays as it was. Pure; null means "already as wanted".
export function blockMarkers(block: string): { begin: string; end: string } {
  const lines = block.split('\n').filter((l) => l !== '');
  const begin = lines[0];
  const end = lines[lines.length - 1];
  if (!begin?.startsWith('# BEGIN ') || !end?.startsWith('# END ')) {
    throw new Error(`a managed block must start with "# BEGIN ..." and end with "# END ...": ${block.slice(0, 80)}`);
  }
  return { begin, end };
}

export function mergeBlock(existing: string, block: string): string {
  const { begin, end } = blockMarkers(block);
  const body = block.endsWith('\n') ? block : `${block}\n`;
  const lines = existing.split('\n');
  const start = lines.indexOf(begin);
  const stop = start === -1 ? -1 : lines.indexOf(end, start);
  if (start !== -1 && stop !== -1) {
    const before = lines.slice(0, start).join('\n');
    const after = lines.slice(stop + 1).join('\n');
    return `${before}${before ? '\n' : ''}${body}${after}`;
  }
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${base}${body}`;
}

/** The new /etc/hosts content, or null when the block is already there exactly. */
export function etcHostsChange(existing: string, block: string): string | null {
  const merged = mergeBlock(existing, block);
  return merged === existing ? null : merged;
}

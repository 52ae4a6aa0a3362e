// Prometheus' text exposition format (what the JMX exporter serves at /metrics), read into
// samples. Pure. Comments (# HELP, # TYPE) are skipped; label values may hold escaped quotes,
// backslashes, newlines and commas.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseLabels(text: string, at: number, line: string): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = at + 1; // after "{"
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return { labels, end: i + 1 };
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=' || text[i + name.length + 1] !== '"') throw new Error(`metrics: unreadable labels in: ${line}`);
    i += name.length + 2;
    let value = '';
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') {
        i++;
        value += text[i] === 'n' ? '\n' : text[i];
      } else value += text[i];
    }
    if (i >= text.length) throw new Error(`metrics: unterminated label value in: ${line}`);
    labels[name] = value;
    i++; // closing quote
  }
}

const VALUES: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity, NaN: Number.NaN };

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`metrics: unreadable line: ${line}`);
    let rest = name.length;
    let labels: Record<string, string> = {};
    if (line[rest] === '{') ({ labels, end: rest } = parseLabels(line, rest, line));
    const [valueText] = line.slice(rest).trim().split(/\s+/);
    const value = valueText !== undefined && valueText in VALUES ? VALUES[valueText]! : Number(valueText);
    if (valueText === undefined || valueText === '' || (Number.isNaN(value) && valueText !== 'NaN')) throw new Error(`metrics: unreadable value in: ${line}`);
    samples.push({ name, labels, value });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `match` (0 samples: null). */
export function sumOf(samples: readonly Sample[], name: string, match: Record<string, string> = {}): number | null {
  const hits = samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
  return hits.length === 0 ? null : hits.reduce((n, s) => n + s.value, 0);
}

// The frame of one bench file: progress on stderr, exactly one JSON document on stdout, exit 1 on
// failure (the document then says `ok: false` and why, with whatever was measured before).
export type Log = (line: string) => void;

export const log: Log = (line) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

export async function benchMain(name: string, body: (partial: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<never> {
  const partial: Record<string, unknown> = {};
  let doc: Record<string, unknown>;
  let code = 0;
  try {
    doc = { benchmark: name, ok: true, ...(await body(partial)) };
  } catch (err) {
    code = 1;
    log(`bench ${name} failed: ${(err as Error).stack ?? err}`);
    doc = { benchmark: name, ok: false, error: (err as Error).message, ...partial };
  }
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  process.exit(code);
}

/** A positive integer from the environment (how the suite is scaled down for a quick run). */
export function envInt(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return n;
}

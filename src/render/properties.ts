// Reads the flat key=value files this tool writes (server.properties, zoo.cfg). Not a full
// java.util.Properties parser: no line continuations or escapes, which the templates never emit.
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    if (at < 0) continue;
    const key = line.slice(0, at).trim();
    if (out.has(key)) throw new Error(`duplicate key ${key}`);
    out.set(key, line.slice(at + 1).trim());
  }
  return out;
}

// One HTTP GET from the control machine with a deadline, its failures named after what was read
// (a process's metrics, the Spark master's state). The caller checks the route first.
import { OperationError } from './errors.js';

export async function getText(url: string, who: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new OperationError(`${who}: cannot read ${url}: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok) throw new OperationError(`${who}: ${url} answered HTTP ${response.status}`);
  return response.text();
}

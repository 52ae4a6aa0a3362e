// How a script becomes the one command string sent over SSH: always bash in strict mode, and
// through `sudo -n` when the SSH user is not root (-n: fail at once instead of prompting).
import { quote } from '../core/shell.js';

export const STRICT_PRELUDE = 'set -euo pipefail';

/** `bash -c 'set -euo pipefail; <script>'` — independent of the login shell of the user. */
export function strictBash(script: string): string {
  return `bash -c ${quote(`${STRICT_PRELUDE}; ${script}`)}`;
}

/** The full command line for `script` run as root by SSH user `user`. */
export function remoteCommand(script: string, user: string): string {
  const bash = strictBash(script);
  return user === 'root' ? bash : `sudo -n -- ${bash}`;
}

/** A command shortened for messages: first line, at most `max` characters. */
export function shortenCommand(command: string, max = 160): string {
  const firstLine = command.split('\n', 1)[0] ?? '';
  const oneLine = firstLine.length < command.length ? `${firstLine} …` : firstLine;
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The last non-empty lines of stderr: usually the ones that explain a failure. */
export function lastLines(text: string, count = 5): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-count);
}

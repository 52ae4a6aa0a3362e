// Errors of the SSH layer. All are OperationError (exit 1) and name the host, so a fan-out over
// many hosts still says which one failed and why.
import { OperationError } from '../core/errors.js';
import { lastLines, shortenCommand } from './command.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** exit code; null when the remote side died by a signal or the channel closed without one */
  code: number | null;
  signal?: string | null;
}

export class RemoteCommandError extends OperationError {
  readonly host: string;
  /** shortened for messages; the full text is in `fullCommand` */
  readonly command: string;
  readonly fullCommand: string;
  readonly code: number | null;
  readonly stderrTail: string[];
  readonly result: ExecResult;

  constructor(host: string, command: string, result: ExecResult, what?: string) {
    const command_ = shortenCommand(what ?? command);
    const tail = lastLines(result.stderr);
    const status = result.code === null ? `signal ${result.signal ?? 'unknown'}` : `exit code ${result.code}`;
    const detail = tail.length > 0 ? `:\n  ${tail.join('\n  ')}` : ' (no stderr)';
    super(`${host}: \`${command_}\` failed with ${status}${detail}`);
    this.name = 'RemoteCommandError';
    this.host = host;
    this.command = command_;
    this.fullCommand = command;
    this.code = result.code;
    this.stderrTail = tail;
    this.result = result;
  }
}

/** The host key was refused: changed, revoked, or unknown without --accept-new-host-keys. */
export class HostKeyError extends OperationError {
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostKeyError';
  }
}

/** The host could not be reached or the SSH handshake/authentication failed. */
export class ConnectError extends OperationError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly port: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectError';
  }
}

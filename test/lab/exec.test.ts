import { describe, expect, it } from 'vitest';
import { CommandError, run } from '../../src/lab/exec.js';

describe('run', () => {
  it('returns stdout and stderr, feeding input on stdin', async () => {
    expect(await run(['sh', '-c', 'cat; echo err >&2'], { input: 'hello\n' })).toEqual({ stdout: 'hello\n', stderr: 'err\n', code: 0 });
  });

  it('fails with the command, exit code and the last stderr lines', async () => {
    const err = await run(['sh', '-c', 'echo one >&2; echo two >&2; exit 3']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe(3);
    expect((err as CommandError).exitCode).toBe(1);
    expect((err as Error).message).toBe('sh -c echo one >&2; echo two >&2; exit 3 exited with 3: one | two');
  });

  it('can report failure instead of throwing, and survives a command that ignores its input', async () => {
    expect((await run(['sh', '-c', 'exit 4'], { allowFailure: true })).code).toBe(4);
    expect((await run(['true'], { input: 'x'.repeat(1 << 20) })).code).toBe(0);
  });
});

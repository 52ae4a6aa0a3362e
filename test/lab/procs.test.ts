import { describe, expect, it } from 'vitest';
import { childrenOf, isAlive, listensIn, namespaceOf, procNetTcpAddress, processInfo } from '../../src/lab/procs.js';
import { innerPid } from '../../src/lab/status.js';

describe('process facts', () => {
  it('encodes address:port the way /proc/net/tcp does', () => {
    expect(procNetTcpAddress('192.168.56.11', 22)).toBe('0B38A8C0:0016');
    expect(procNetTcpAddress('127.0.0.1', 2181)).toBe('0100007F:0885');
  });

  it('finds a LISTEN socket and ignores other states', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0B38A8C0:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0',
      '   1: 0B38A8C0:2384 0C38A8C0:8A3F 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(listensIn(text, '192.168.56.11', 22)).toBe(true);
    expect(listensIn(text, '192.168.56.11', 9092)).toBe(false);
    expect(listensIn(text, '192.168.56.12', 22)).toBe(false);
  });

  it('reads the PID inside the innermost PID namespace', () => {
    expect(innerPid('Name:\tsshd\nNSpid:\t4242\t1\n')).toBe(1);
    expect(innerPid('Name:\tbash\nNSpid:\t77\n')).toBe(77);
    expect(innerPid('Name:\tx\n')).toBeNull();
  });

  it('reads this process from /proc', async () => {
    expect(await isAlive(process.pid)).toBe(true);
    expect(await namespaceOf(process.pid, 'net')).toMatch(/^net:\[\d+\]$/);
    expect((await processInfo(process.pid))?.command).toMatch(/node/);
    expect(await childrenOf(process.ppid)).toContain(process.pid);
    expect(await isAlive(2 ** 22 + 1)).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/dashboard/model.js';
import { serveDashboard, sseMessage, type DashboardServer } from '../../src/dashboard/server.js';

function fakeSource() {
  let current: Snapshot | null = null;
  const listeners = new Set<(s: Snapshot) => void>();
  return {
    snapshot: () => current,
    subscribe: (l: (s: Snapshot) => void) => (listeners.add(l), () => listeners.delete(l)),
    push(s: Snapshot) {
      current = s;
      for (const l of listeners) l(s);
    },
    listeners,
  };
}

const snap = (at: string): Snapshot => ({
  at,
  cluster: { name: 'c', mode: 'kraft', health: 'ok', controller: 1, under_replicated: 0, under_min_isr: 0, offline: 0, problems: [] },
  processes: [],
  top10: [{ page: 'p1', popularity: 2.2 }],
  top_history: [],
  job: null,
  job_history: [],
  job_batches: null,
  batch_history: [],
});

let server: DashboardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('serveDashboard', () => {
  it('serves the page, its script and uPlot from node_modules, the snapshot as JSON, and nothing else', async () => {
    const source = fakeSource();
    server = await serveDashboard(source, { port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const get = (path: string, init?: RequestInit) => fetch(new URL(path, server!.url), init);
    const page = await get('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script src="/vendor/uPlot.iife.min.js"></script>');
    expect(await (await get('/app.js')).text()).toContain("new EventSource('/events')");
    expect(await (await get('/vendor/uPlot.iife.min.js')).text()).toMatch(/uPlot/);
    expect((await get('/vendor/uPlot.min.css')).status).toBe(200);
    expect((await get('/api/snapshot')).status).toBe(503);
    source.push(snap('2026-12-03T00:00:00.000Z'));
    expect(await (await get('/api/snapshot')).json()).toEqual(snap('2026-12-03T00:00:00.000Z'));
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/node_modules/uplot/package.json')).status).toBe(404);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });

  it('pushes the current snapshot, then each new one, to every open page; a closed page unsubscribes', async () => {
    const source = fakeSource();
    source.push(snap('2026-12-03T00:00:00.000Z'));
    server = await serveDashboard(source, { port: 0 });
    const abort = new AbortController();
    const response = await fetch(new URL('/events', server.url), { signal: abort.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const until = async (what: string) => {
      while (!text.includes(what)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await until(sseMessage(snap('2026-12-03T00:00:00.000Z')));
    expect(server.clients()).toBe(1);
    source.push(snap('2026-12-03T00:00:02.000Z'));
    await until(sseMessage(snap('2026-12-03T00:00:02.000Z')));
    abort.abort();
    await expect.poll(() => source.listeners.size).toBe(0);
    expect(server.clients()).toBe(0);
  });
});

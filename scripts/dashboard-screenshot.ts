#!/usr/bin/env tsx
// npm run dashboard:screenshot -- --url URL [--out .artifacts/dashboard.png] [--timeout-s 600] [--settle-s 20]
// Waits until the live page shows a top 10 and a running job, lets its charts fill for a while,
// and saves a full-page screenshot (Debian's chromium, driven by playwright-core; nothing is
// downloaded). The demo runs it beside its acceptance run; docs/dashboard.png is one of those.
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { positiveInt } from '../src/popularity/bootstrap.js';

const CHROMIUM = '/usr/bin/chromium';

await runCli({
  usage: 'usage: npm run dashboard:screenshot -- --url URL [--out .artifacts/dashboard.png] [--timeout-s 600] [--settle-s 20]',
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: '.artifacts/dashboard.png' },
    'timeout-s': { type: 'string' },
    'settle-s': { type: 'string' },
  },
  main: async ({ values: v, log }) => {
    if (!v.url || !/^https?:\/\//.test(v.url)) throw new InputError(`--url must be the dashboard's http:// address, got "${v.url ?? ''}"`);
    const timeoutMs = positiveInt('timeout-s', v['timeout-s'], 600) * 1000;
    const settleMs = positiveInt('settle-s', v['settle-s'], 20) * 1000;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(v.url, { timeout: 60_000 });
      await page.waitForFunction(
        () => document.querySelectorAll('#top10 tbody tr').length === 10 && ['ok', 'warn'].includes(document.querySelector('#job-batches')?.getAttribute('data-health') ?? ''),
        undefined,
        { timeout: timeoutMs, polling: 1000 },
      );
      log(`screenshot: the page shows a top 10 and a running job; ${settleMs / 1000} s for the charts`);
      await page.waitForTimeout(settleMs);
      await mkdir(dirname(v.out), { recursive: true });
      // never a half-written picture under the final name (the demo stops this once its run ends)
      const partial = `${v.out}.partial.png`;
      await page.screenshot({ path: partial, fullPage: true });
      await rename(partial, v.out);
      return { ok: true, out: v.out };
    } finally {
      await browser.close();
    }
  },
  human: (r) => `screenshot: ${r.out}`,
});

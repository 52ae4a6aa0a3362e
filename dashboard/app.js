// The dashboard page: renders each snapshot the server pushes over Server-Sent Events. Plain
// script, no build step; every value from Kafka goes through textContent, never markup.
'use strict';

const $ = (selector) => document.querySelector(selector);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '–' : String(text);
  if (className) td.className = className;
  return td;
}

function row(cells, attrs = {}) {
  const tr = document.createElement('tr');
  for (const c of cells) tr.appendChild(c);
  for (const [k, v] of Object.entries(attrs)) tr.setAttribute(k, v);
  return tr;
}

const fixed = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? null : Number(n).toFixed(digits));

function renderCluster(s) {
  const c = s.cluster;
  $('#cluster-name').textContent = `${c.name} (${c.mode})`;
  const badge = $('#cluster-health');
  badge.className = `badge ${c.health}`;
  badge.dataset.health = c.health;
  badge.textContent = { ok: 'healthy', warn: 'degraded', down: 'unhealthy' }[c.health];
  $('#summary').textContent =
    `controller ${c.controller ?? 'none'} · under-replicated ${c.under_replicated} · under min ISR ${c.under_min_isr} · offline ${c.offline}`;
  const body = $('#processes tbody');
  body.replaceChildren(
    ...s.processes.map((p) =>
      row(
        [
          cell(p.name),
          cell(p.roles.join('+')),
          cell(p.id, 'num'),
          cell(p.quorum_role),
          cell(p.serving === null ? null : p.serving ? 'yes' : 'no'),
          cell(p.pid, 'num'),
          cell(fixed(p.metrics?.requests_per_s), 'num'),
          cell(fixed(p.metrics?.produce_p99_ms), 'num'),
          cell(fixed(p.metrics?.messages_in_per_s), 'num'),
          cell(p.detail ?? p.health),
        ],
        { class: p.health, 'data-process': p.name, 'data-health': p.health },
      ),
    ),
  );
  $('#problems').replaceChildren(...c.problems.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

function renderTop(s) {
  $('#top10 tbody').replaceChildren(
    ...s.top10.map((e, i) => row([cell(i + 1, 'num'), cell(e.page), cell(fixed(e.popularity, 2), 'num')], { 'data-page': e.page, 'data-popularity': String(e.popularity) })),
  );
}

function renderJob(s) {
  const j = s.job;
  $('#job').hidden = !j;
  if (!j) return;
  $('#job-name').textContent = `${j.topic}, group ${j.group}`;
  $('#job-summary').textContent = j.error
    ? `cannot read the offsets: ${j.error}`
    : `lag ${j.total_lag ?? '–'} records · ${fixed(j.messages_per_s) ?? '–'} messages/s into ${j.topic}`;
  $('#job-summary').dataset.lag = String(j.total_lag);
  $('#lag tbody').replaceChildren(...j.lag.map((l) => row([cell(l.partition, 'num'), cell(l.lag, 'num')])));
  renderBatches(s.job_batches);
}

// The job's own figures, from its stats topic: instances, batch time against the interval, malformed.
function renderBatches(b) {
  const p = $('#job-batches');
  p.hidden = !b;
  $('#instances').hidden = !b;
  if (!b) return;
  p.className = b.health;
  p.dataset.health = b.health;
  p.dataset.malformed = String(b.malformed);
  p.dataset.consumed = String(b.consumed);
  p.dataset.running = String(b.running);
  p.dataset.processed = String(b.processed_per_s);
  const slowest = b.batch_ms_max === null ? 'no batch in the last minute' : `slowest batch ${fixed(b.batch_ms_max)} ms of a ${b.interval_ms} ms interval (last minute)`;
  p.textContent = [
    `${b.running} instance${b.running === 1 ? '' : 's'} running`,
    `${fixed(b.processed_per_s) ?? '–'} records/s processed`,
    slowest,
    `malformed ${b.malformed ?? '–'} of ${b.consumed ?? '–'} counted`,
    ...(b.detail ? [b.detail] : []),
  ].join(' · ');
  $('#instances tbody').replaceChildren(
    ...b.instances.map((i) =>
      row(
        [
          cell(i.instance),
          cell(i.partitions.join(',')),
          cell(new Date(i.last_at).toLocaleTimeString()),
          cell(fixed(i.batch_ms), 'num'),
          cell(i.records, 'num'),
          cell(i.busy === null ? null : `${fixed(i.busy * 100, 0)}%`, 'num'),
          cell(i.running ? (i.published ? 'running' : 'publishing failed') : 'stopped'),
        ],
        { class: i.running ? (i.published ? 'ok' : 'warn') : 'stopped', 'data-instance': i.instance },
      ),
    ),
  );
}

// Charts: x in seconds. A chart is rebuilt when its series change (another page enters the top 10).
const charts = {};
function chart(id, title, names, data) {
  const el = $(`#${id}`);
  const key = names.join('\u0000');
  if (!charts[id] || charts[id].key !== key) {
    charts[id]?.plot.destroy();
    const series = [{}, ...names.map((label, i) => ({ label, stroke: `hsl(${(i * 137) % 360} 65% 45%)`, width: 1.5, spanGaps: true }))];
    const plot = new uPlot({ title, width: Math.max(300, el.clientWidth || 600), height: 220, series, scales: { x: { time: true } } }, data, el);
    charts[id] = { key, plot };
  } else {
    charts[id].plot.setData(data);
  }
  el.dataset.points = String(data[0].length);
  el.dataset.last = JSON.stringify(data.slice(1).map((values) => values[values.length - 1] ?? null));
}

function renderCharts(s) {
  const pages = s.top10.map((e) => e.page);
  const t = s.top_history.map((p) => p.t / 1000);
  chart('top-chart', 'popularity of today\u2019s top 10', pages, [t, ...pages.map((page) => s.top_history.map((p) => p.values[page] ?? null))]);
  if (s.job) {
    const jt = s.job_history.map((p) => p.t / 1000);
    const v = (name) => s.job_history.map((p) => (Number.isFinite(p.values[name]) ? p.values[name] : null));
    const partitions = s.job.lag.map((l) => `partition ${l.partition}`);
    chart('lag-chart', 'consumer lag (records, in all and per partition) and input (messages/s)', ['lag', ...partitions, 'messages/s'], [jt, v('lag'), ...partitions.map(v), v('messages_per_s')]);
  }
  if (s.job_batches) {
    const bt = s.batch_history.map((p) => p.t / 1000);
    const v = (name) => s.batch_history.map((p) => p.values[name]);
    chart('batch-chart', 'batch processing time against the interval (ms)', ['batch ms', 'interval ms'], [bt, v('batch_ms'), v('interval_ms')]);
  }
}

function render(s) {
  renderCluster(s);
  renderTop(s);
  renderJob(s);
  renderCharts(s);
  $('#updated').textContent = `updated ${new Date(s.at).toLocaleTimeString()}`;
  document.body.dataset.snapshotAt = s.at;
}

const events = new EventSource('/events');
events.addEventListener('snapshot', (e) => {
  $('#connection').textContent = '';
  render(JSON.parse(e.data));
});
events.onerror = () => {
  $('#connection').textContent = '(connection lost, reconnecting)';
};

// Closed-loop driver for Slack block_actions confirms, end to end.
// CONNS clients each: sign and POST one block_actions interaction (Confirm with one ticked item,
// or the Undo button of that item; round robin over 10 items of the demo rep's open deals, so
// nearly every press writes), time the ack, then wait until the host's answer (the card updated
// in place) arrives at this script's recording response_url server, then send the next.
// Prints turns/s and p50/p99 of the ack and of the whole confirm (request sent -> response_url
// call received). With HOST_PID set (slack.sh sets it), also the host's CPU per confirm: its utime +
// stime from /proc/PID/stat over the measured window, all threads, divided by the confirms done.
// No dependencies.
// Usage: node slack-confirm.mjs URL SECRET [CONNS=8] [SECONDS=15] [WARMUP_SECONDS=20] [RESPONSE_PORT=3981]
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [url, secret, connsArg, secondsArg, warmArg, portArg] = process.argv.slice(2);
if (!url || !secret) { console.error('usage: node slack-confirm.mjs URL SECRET [CONNS] [SECONDS] [WARMUP] [PORT]'); process.exit(2); }
const conns = +(connsArg ?? 8), seconds = +(secondsArg ?? 15), warmup = +(warmArg ?? 20), port = +(portArg ?? 3981);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });

// deal id, stage, stage version, item: a fresh demo database (bench/channels/slack.sh). One or two
// items per deal and never all required ones, so no deal advances and the versions stay valid.
const PAIRS = [
  [1, 'discovery', 3, 'champion-named'], [1, 'discovery', 3, 'requirements-listed'],
  [2, 'demo', 4, 'demo-script-mapped'], [2, 'demo', 4, 'demo-held'],
  [3, 'proposal', 3, 'proposal-sent'], [3, 'proposal', 3, 'proposal-reviewed'],
  [10, 'sales-engagement', 1, 'conversation-held'], [10, 'sales-engagement', 1, 'pain-confirmed'],
  [11, 'sql', 1, 'agenda-sent'], [20, 'new-customer', 4, 'success-plan-agreed'],
];

const pending = new Map(); // request id -> resolve(arrival time, body)
let unexpected = 0;
const recorder = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = process.hrtime.bigint();
    const id = req.url.split('/').pop();
    const done = pending.get(id);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    if (done) { pending.delete(id); done(at, Buffer.concat(chunks).toString()); } else unexpected++;
  });
});
await new Promise((r) => recorder.listen(port, '127.0.0.1', r));

function body(k, id) {
  const [deal, stage, version, item] = PAIRS[k % PAIRS.length];
  const undo = Math.floor(k / PAIRS.length) % 2 === 1;
  const value = undo
    ? JSON.stringify({ kind: 'undo', deal, stage, stageVersion: version, item })
    : JSON.stringify({ kind: 'confirm', deal, stage, stageVersion: version });
  const payload = {
    type: 'block_actions',
    user: { id: 'U0DEMO', username: 'dana', name: 'dana', team_id: 'T0BENCH01' },
    api_app_id: 'A0BENCH01', token: 'x',
    // Slack gives every interaction its own trigger_id, and the host treats a repeated one as a redelivery.
    trigger_id: `${process.pid}.${id}.bench`,
    team: { id: 'T0BENCH01', domain: 'acme-sales' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0BENCH01', is_ephemeral: true },
    channel: { id: 'D0BENCH01', name: 'directmessage' },
    response_url: `http://127.0.0.1:${port}/r/${id}`,
    actions: [undo
      ? { type: 'button', action_id: 'coach-button-0', block_id: 'b0', value, action_ts: '1700000001.000200' }
      : { type: 'button', action_id: 'coach-confirm', block_id: 'coach-actions', value, action_ts: '1700000001.000200' }],
    state: { values: undo ? {} : { 'coach-checklist-0': { 'coach-tick-0': { type: 'checkboxes', selected_options: [{ value: item }] } } } },
  };
  return 'payload=' + encodeURIComponent(JSON.stringify(payload));
}

function post(text) {
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${text}`).digest('hex');
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: {
      'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(text),
      'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': sig } }, (res) => {
      res.resume(); res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject); req.end(text);
  });
}

let seq = 0, measuring = false, stop = false;
const ack = [], e2e = []; let ok = 0, non2xx = 0, timeouts = 0, notUpdated = 0;
async function client(c) {
  while (!stop) {
    const k = seq++, id = `${c}-${k}`, text = body(k + c * 5, id);
    const answered = new Promise((resolve) => pending.set(id, (at, b) => resolve([at, b])));
    const t0 = process.hrtime.bigint();
    const status = await post(text);
    const t1 = process.hrtime.bigint();
    if (status !== 200) { pending.delete(id); if (measuring) non2xx++; continue; }
    const timer = new Promise((resolve) => setTimeout(() => resolve(null), 5000));
    const got = await Promise.race([answered, timer]);
    if (!got) { pending.delete(id); if (measuring) timeouts++; continue; }
    if (measuring) {
      ack.push(Number(t1 - t0) / 1e6); e2e.push(Number(got[0] - t0) / 1e6); ok++;
      if (!got[1].includes('"replace_original":true') || !got[1].includes('"blocks"')) notUpdated++;
    }
  }
}
// utime + stime in clock ticks (fields 14 and 15; the name in parentheses may hold spaces). Linux ticks are 10 ms.
const hostPid = process.env.HOST_PID;
const cpuTicks = () => {
  if (!hostPid) return null;
  const stat = readFileSync(`/proc/${hostPid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return +f[11] + +f[12];
};
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(2) : '-'; };
const workers = Array.from({ length: conns }, (_, c) => client(c));
await new Promise((r) => setTimeout(r, warmup * 1000));
measuring = true; const start = Date.now(); const cpu0 = cpuTicks();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false; const secs = (Date.now() - start) / 1000; const cpu1 = cpuTicks(); stop = true;
await Promise.all(workers);
const cpuUs = cpu0 === null || ok === 0 ? '-' : Math.round((cpu1 - cpu0) * 10000 / ok);
console.log(['conns', 'confirms/s', 'ack_p50', 'ack_p99', 'e2e_p50', 'e2e_p99', 'e2e_max', 'done', 'non2xx', 'timeouts', 'not_updated', 'stray', 'cpu_us'].join('\t'));
console.log([conns, (ok / secs).toFixed(1), pct(ack, 50), pct(ack, 99), pct(e2e, 50), pct(e2e, 99), pct(e2e, 100), ok, non2xx, timeouts, notUpdated, unexpected, cpuUs].join('\t'));
recorder.close(); agent.destroy();

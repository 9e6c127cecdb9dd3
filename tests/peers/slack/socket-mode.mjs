#!/usr/bin/env node
// socket-mode.mjs HOST_DLL — Socket Mode against fake-socket-mode.mjs, twice:
//   1. Slack's own SocketModeClient (@slack/socket-mode, what Bolt's SocketModeReceiver wraps) plays the script,
//      so the fake is shown to behave like Slack for the official client;
//   2. the real host with demo data and Slack:AppToken plays the same script: the slash command is acked with the
//      checklist as payload, every envelope is handled once (redelivery and event retry are not handled twice),
//      malformed and unknown messages leave the connection up, and on refresh_requested the new socket is greeted
//      before the old one closes, so the envelope sent late on the old socket is acked there, not redelivered;
//   3. the host with a revoked app token: Socket Mode stops with one Critical line, the host keeps serving.
// Exit 1 on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';
import { SocketModeClient, LogLevel } from '@slack/socket-mode';
import { startFakeSocketMode } from './fake-socket-mode.mjs';

const dll = process.argv[2];
if (!dll) { console.error('usage: socket-mode.mjs PATH/TO/SalesCoachBot.Host.dll'); process.exit(2); }
const team = 'T0E2E';
const user = 'U0DEMO'; // the demo rep's slack_user_id in the demo data
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures++; return ok; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const within = (promise, ms) => Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);
const acksOf = (fake, id) => fake.stats.acks.filter((a) => a.envelope_id === id);
const scriptIds = ['env-cmd', 'env-ev1', 'env-ev1-retry', 'env-ev2', 'env-late', 'env-ev4'];

// --- 1. the official client ---
{
  console.log('# @slack/socket-mode SocketModeClient vs the fake');
  const fake = await startFakeSocketMode({ team, user });
  const client = new SocketModeClient({ appToken: 'xapp-1-A0FAKE-peer', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
  client.on('slack_event', async ({ type, body, ack }) => {
    if (type === 'slash_commands') await ack({ response_type: 'ephemeral', text: `Coaching for ${body.text}` });
    else await ack();
  });
  try {
    await client.start();
    const finished = await within(fake.done, 30000);
    check(finished, `script finished, every envelope acked (un-acked: ${fake.unacked().join(', ') || 'none'})`);
    check(fake.stats.opens === 2 && fake.stats.connections.length === 2, `reconnected on refresh_requested (apps.connections.open x${fake.stats.opens}, sockets x${fake.stats.connections.length})`);
    check(acksOf(fake, 'env-cmd').some((a) => a.payload?.text === 'Coaching for next initech'), 'slash command acked with a payload');
    check(scriptIds.every((id) => acksOf(fake, id).length > 0), 'every scripted envelope acked');
    const late = acksOf(fake, 'env-late')[0];
    console.log(`     (the official client closes the old socket first: the late envelope was acked on #${late?.conn}${fake.stats.redelivered.some((r) => r.envelope_id === 'env-late') ? ' after Slack redelivered it' : ''})`);
  } finally {
    await client.disconnect().catch(() => {});
    await fake.close();
  }
}

// --- the host, demo data, fresh folder ---
const hosts = new Set(); // stopped if this script is interrupted
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { hosts.forEach((h) => h.kill('SIGKILL')); process.exit(1); });
const startHost = async (apiUrl, appToken) => {
  const work = mkdtempSync(join(tmpdir(), 'salescoach-slack-socket-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', Slack__AppToken: appToken, Slack__BotToken: 'xoxb-e2e',
    Slack__ApiBaseUrl: apiUrl, Slack__TeamId: team, Logging__LogLevel__Default: 'Warning' };
  delete env.Slack__SigningSecret;
  const host = spawn('dotnet', [dll, '--demo', '--urls', base], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  hosts.add(host);
  const output = [];
  const echo = (chunk) => { for (const line of String(chunk).split('\n').filter(Boolean)) { output.push(line); console.log(`     [host] ${line}`); } };
  host.stdout.on('data', echo);
  host.stderr.on('data', echo);
  const exited = new Promise((r) => host.on('exit', r));
  const healthy = () => fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  let up = false;
  for (const until = Date.now() + 90000; !up && Date.now() < until && host.exitCode === null; await sleep(250)) up = await healthy();
  return {
    up, healthy, output,
    stop: async () => {
      host.kill('SIGTERM');
      if (!await within(exited, 10000)) host.kill('SIGKILL');
      hosts.delete(host);
      rmSync(work, { recursive: true, force: true });
    },
  };
};

// --- 2. our host ---
{
  console.log('# the host (Socket Mode, demo data) vs the fake');
  const fake = await startFakeSocketMode({ team, user });
  const host = await startHost(fake.apiUrl, 'xapp-1-A0FAKE-e2e');
  try {
    if (check(host.up, 'host started and answers /healthz')) {
      const finished = await within(fake.done, 60000);
      check(finished, `script finished, every envelope acked (un-acked: ${fake.unacked().join(', ') || 'none'})`);
      const [first, second] = fake.stats.connections;
      for (const until = Date.now() + 10000; first && !first.closedAt && Date.now() < until;) await sleep(100);
      check(fake.stats.opens === 2 && fake.stats.connections.length === 2, `reconnected on refresh_requested (apps.connections.open x${fake.stats.opens}, sockets x${fake.stats.connections.length})`);

      const cmd = acksOf(fake, 'env-cmd')[0]?.payload ?? {};
      const boxes = (cmd.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e) => e.type === 'checkboxes');
      const header = (cmd.blocks ?? []).find((b) => b.type === 'header')?.text?.text ?? '';
      check(cmd.response_type === 'ephemeral' && header.startsWith('Initech') && boxes.length > 0,
        `/coach next initech acked with the checklist as payload ("${header}", ${boxes.flatMap((b) => b.options).length} open items)`);

      const ackCount = (id) => acksOf(fake, id).length;
      check(ackCount('env-ev1') === 2, `redelivered envelope acked again (env-ev1 acks: ${ackCount('env-ev1')})`);
      check(ackCount('env-ev1-retry') === 1, 'retried event under a new envelope id acked');
      check(ackCount('env-unknown') === 1 && ackCount('env-broken') === 0, 'unknown envelope type acked, malformed JSON skipped');
      check(ackCount('env-ev2') === 1, 'connection stayed up after malformed and unknown messages');

      // One handling per event: one chat.postMessage per channel, however often its envelope came.
      const posts = (channel) => fake.stats.calls.filter((c) => c.path === '/api/chat.postMessage' && JSON.parse(c.body || '{}').channel === channel);
      const channels = ['C0EV1', 'C0EV2', 'C0LATE', 'C0EV4'];
      for (const until = Date.now() + 15000; Date.now() < until && !channels.every((ch) => posts(ch).length > 0);) await sleep(100);
      await sleep(1500); // a second handling would show up now
      check(channels.every((ch) => posts(ch).length === 1), `each app_mention answered once (${channels.map((ch) => `${ch}: ${posts(ch).length}`).join(', ')})`);
      check(posts('C0EV1')[0]?.auth === 'Bearer xoxb-e2e', 'answers use the bot token, not the app token');

      const late = acksOf(fake, 'env-late');
      check(late.length === 1 && late[0].conn === 1 && !fake.stats.redelivered.some((r) => r.envelope_id === 'env-late'),
        `late envelope on the old socket acked there (#${late[0]?.conn}), no redelivery needed`);
      check(!!first?.closedAt && !!second?.helloAt && first.closedAt >= second.helloAt,
        `new socket greeted before the old one closed (#2 hello at +${second ? second.helloAt - first.openedAt : '?'} ms, #1 closed at +${first?.closedAt ? first.closedAt - first.openedAt : '?'} ms)`);
      check(ackCount('env-ev4') === 1 && acksOf(fake, 'env-ev4')[0].conn === 2, 'envelopes on the new socket handled');
      check(fake.stats.redelivered.length === 0, `no envelope needed a redelivery (${fake.stats.redelivered.map((r) => `${r.envelope_id}: ${r.why}`).join(', ') || 'none'})`);
      check(await host.healthy(), 'host still healthy');
    }
  } finally {
    await host.stop();
    await fake.close();
  }
}

// --- 3. a token Slack refuses ---
{
  console.log('# the host with a revoked app token');
  const fake = await startFakeSocketMode({ team, user });
  const host = await startHost(fake.apiUrl, 'xapp-1-A0FAKE-revoked');
  try {
    if (check(host.up, 'host started and answers /healthz')) {
      const stopped = () => host.output.some((l) => l.includes('Slack Socket Mode stopped: invalid_auth'));
      for (const until = Date.now() + 15000; Date.now() < until && !stopped();) await sleep(100);
      check(stopped(), 'Socket Mode stopped with one clear line naming invalid_auth');
      check(fake.stats.connections.length === 0, 'no socket opened');
      check(await host.healthy(), 'the rest of the host keeps running');
    }
  } finally {
    await host.stop();
    await fake.close();
  }
}

console.log(failures === 0 ? 'socket mode: all passed' : `socket mode: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

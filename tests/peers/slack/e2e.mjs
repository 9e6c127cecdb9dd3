#!/usr/bin/env node
// e2e.mjs HOST_DLL — starts the real host with demo data in a fresh folder, plays Slack against it with
// correctly signed requests, and plays Slack's Web API / response_url hooks with a local recording server:
//   signed `/coach next initech`        -> the checklist (checkboxes + Confirm) in the ack body
//   signed block_actions confirming the required items -> the card is replaced via response_url,
//                                           the deal advances (a fresh `/coach next initech` shows the next stage)
//   the same confirm again (old stage version) -> answered with the current state, not recorded twice
//   unsigned / tampered requests -> 401
//   "Set next step" button -> views.open (modal with a datepicker); signed view_submission with a past date ->
//                                           response_action errors; with a future date -> the card replaced, on it
//   the card's "Add note" button -> views.open with the trigger; the modal's view_submission: too long -> response_action
//                                           errors (nothing stored), a good note -> the card comes back with it
// Exit 1 on any failure.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const dll = process.argv[2];
if (!dll) { console.error('usage: e2e.mjs PATH/TO/SalesCoachBot.Host.dll'); process.exit(2); }
const secret = 'e2e-signing-secret';
const team = 'T0E2E';
const user = 'U0DEMO'; // the demo rep's slack_user_id in the demo data
const channel = 'C0E2E';
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures++; return ok; };

// --- recording fake of Slack's Web API and response_url hooks ---
const calls = [];
const fake = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    calls.push({ path: req.url, auth: req.headers.authorization, body });
    if (req.url.startsWith('/hooks/')) { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url === '/api/users.info'
      ? JSON.stringify({ ok: true, user: { id: user, name: 'dana', profile: { email: 'dana@example.com' } } })
      : JSON.stringify({ ok: true, channel, ts: '1715000000.000900' }));
  });
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const fakeUrl = `http://127.0.0.1:${fake.address().port}`;
const waitForCall = async (path, ms = 10000) => {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const hit = calls.find((c) => c.path === path);
    if (hit) return hit;
  }
  return null;
};

// --- the host, demo data, fresh SQLite file in a temp folder ---
const work = mkdtempSync(join(tmpdir(), 'salescoach-slack-e2e-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const host = spawn('dotnet', [dll, '--demo', '--urls', base], {
  cwd: work,
  env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', Slack__SigningSecret: secret, Slack__BotToken: 'xoxb-e2e',
    Slack__ApiBaseUrl: `${fakeUrl}/api/`, Slack__TeamId: team, Logging__LogLevel__Default: 'Warning' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => { host.kill('SIGTERM'); fake.close(); rmSync(work, { recursive: true, force: true }); };
let up = false;
for (const until = Date.now() + 60000; !up && Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
  up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
}
if (!check(up, `host answers /healthz on ${base}`)) { stop(); process.exit(1); }

const sign = (ts, body) => 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
const post = (path, body, { signed = true, tamper = false } = {}) => {
  const ts = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signed) { headers['x-slack-request-timestamp'] = String(ts); headers['x-slack-signature'] = sign(ts, tamper ? body + 'x' : body); }
  return fetch(base + path, { method: 'POST', headers, body });
};
const command = (text, hook) => new URLSearchParams({ command: '/coach', text, user_id: user, user_name: 'dana', team_id: team,
  channel_id: channel, response_url: `${fakeUrl}/hooks/${hook}`, trigger_id: '1.2.3' }).toString();
const blocksOf = (message) => message.blocks ?? [];
const checkboxes = (message) => blocksOf(message).filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e) => e.type === 'checkboxes');
const confirmButton = (message) => blocksOf(message).filter((b) => b.type === 'actions').flatMap((b) => b.elements).find((e) => e.action_id === 'coach-confirm');
const header = (message) => blocksOf(message).find((b) => b.type === 'header')?.text?.text ?? '';
const blockActions = (value, groups, hook) => 'payload=' + encodeURIComponent(JSON.stringify({
  type: 'block_actions', user: { id: user, username: 'dana', name: 'dana', team_id: team }, team: { id: team },
  channel: { id: channel }, container: { type: 'message', message_ts: '1715000000.000500', channel_id: channel, is_ephemeral: true },
  // Each press is a new interaction with its own trigger_id; a repeated one is Slack's retry, answered once.
  response_url: `${fakeUrl}/hooks/${hook}`, trigger_id: `1.2.${hook}`,
  state: { values: Object.fromEntries(groups.map((g, i) => [`coach-checklist-${i}`, { [g.action_id]: { type: 'checkboxes', selected_options: g.options } }])) },
  actions: [{ type: 'button', action_id: 'coach-confirm', block_id: 'coach-confirm', value, action_ts: '1715000010.1' }],
}));

try {
  // 1) bad requests never get in
  check((await post('/slack/commands', command('next initech', 'nope'), { signed: false })).status === 401, 'unsigned /coach -> 401');
  check((await post('/slack/commands', command('next initech', 'nope'), { tamper: true })).status === 401, 'tampered /coach -> 401');

  // 2) /coach next initech -> checklist in the ack
  const ack = await post('/slack/commands', command('next initech', 'cmd1'));
  const first = ack.ok ? await ack.json() : {};
  check(ack.status === 200 && typeof first.text === 'string' && first.text.length > 0, `/coach next initech -> 200 with text fallback (${ack.status})`);
  check(first.response_type === 'ephemeral', 'answer is ephemeral by default');
  const groups = checkboxes(first);
  const required = groups.map((g) => ({ action_id: g.action_id, options: g.options.filter((o) => o.description?.text === 'Required') }));
  const confirm = confirmButton(first);
  check(groups.length > 0 && required.some((g) => g.options.length > 0), `checklist rendered as checkboxes (${groups.map((g) => g.options.length).join('+')} open items)`);
  check(!!confirm?.value, 'Confirm button carries a typed payload');
  const stageBefore = header(first);

  // 3) tick every required item, press Confirm -> the card is replaced via response_url and the deal advances
  const pressed = await post('/slack/interactions', blockActions(confirm?.value, required, 'act1'));
  check(pressed.status === 200, `block_actions confirm acked 200 (${pressed.status})`);
  const replaced = await waitForCall('/hooks/act1');
  const replacement = replaced ? JSON.parse(replaced.body) : {};
  check(replacement.replace_original === true, 'card updated in place (response_url, replace_original: true)');
  check(!!replacement.text && header(replacement) !== '', `updated card: "${header(replacement)}" — ${String(replacement.text).split('\n')[0]}`);

  const again = await post('/slack/commands', command('next initech', 'cmd2'));
  const second = again.ok ? await again.json() : {};
  check(header(second) !== stageBefore, `deal advanced: "${stageBefore}" -> "${header(second)}"`);

  // 4) the old card pressed again: stale stage version -> answered with the current state, nothing recorded
  await post('/slack/interactions', blockActions(confirm?.value, required, 'act2'));
  const stale = await waitForCall('/hooks/act2');
  const staleMessage = stale ? JSON.parse(stale.body) : {};
  check(!!stale && header(staleMessage) === header(second), `stale card answered with the current state ("${header(staleMessage)}")`);

  // 5) "Set next step": the button opens a modal (views.open, trigger_id), its view_submission is answered in the ack
  const buttons = blocksOf(second).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
  const setNext = buttons.find((e) => e.type === 'button' && e.text?.text === 'Set next step');
  check(!!setNext?.value, 'the card has a "Set next step" button');
  const press = (value, trigger) => 'payload=' + encodeURIComponent(JSON.stringify({
    type: 'block_actions', user: { id: user, username: 'dana', name: 'dana', team_id: team }, team: { id: team },
    channel: { id: channel }, container: { type: 'message', message_ts: '1715000000.000700', channel_id: channel, is_ephemeral: true },
    response_url: `${fakeUrl}/hooks/form`, trigger_id: trigger,
    actions: [{ type: 'button', action_id: setNext?.action_id, block_id: 'b', value, action_ts: '1715000020.1' }],
  }));
  check((await post('/slack/interactions', press(setNext?.value, '111.222.modal'))).status === 200, 'Set next step acked 200');
  const opened = await waitForCall('/api/views.open');
  const open = opened ? JSON.parse(opened.body) : {};
  const elements = (open.view?.blocks ?? []).filter((b) => b.type === 'input').map((b) => b.element?.type);
  check(open.trigger_id === '111.222.modal' && open.view?.type === 'modal' && elements.includes('datepicker') && elements.includes('plain_text_input'),
    `views.open with the trigger_id: a modal with ${elements.join(' + ')}`);
  const submit = (date) => 'payload=' + encodeURIComponent(JSON.stringify({
    type: 'view_submission', user: { id: user, username: 'dana', name: 'dana', team_id: team }, team: { id: team },
    view: { id: 'V0E2E', callback_id: open.view?.callback_id, private_metadata: open.view?.private_metadata,
      state: { values: { date: { date: { type: 'datepicker', selected_date: date } }, text: { text: { type: 'plain_text_input', value: 'Demo with their CFO' } } } } },
  }));
  const refused = await post('/slack/interactions', submit('2020-01-01'));
  const refusal = refused.ok ? await refused.json().catch(() => ({})) : {};
  check(refusal.response_action === 'errors' && /passed/.test(refusal.errors?.date ?? ''), `past date -> modal kept open with an error under the date ("${refusal.errors?.date}")`);
  const inAWeek = new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10);
  const accepted = await post('/slack/interactions', submit(inAWeek));
  check(accepted.status === 200 && (await accepted.text()) === '', 'future date -> 200 with an empty body (the modal closes)');
  const formAnswer = await waitForCall('/hooks/form');
  const updated = formAnswer ? JSON.parse(formAnswer.body) : {};
  check(updated.replace_original === true && /Demo with their CFO/.test(JSON.stringify(updated.blocks ?? [])), 'the card is replaced, the next step on it');

  // 6) "Add note": the button opens a modal (views.open), the signed view_submission is checked in the ack
  calls.length = 0; // the views.open of step 5 is not this one
  const addNote = buttons.find((e) => e.type === 'button' && e.text?.text === 'Add note');
  check(!!addNote?.value, 'the card has an "Add note" button that opens a modal');
  const opening = 'payload=' + encodeURIComponent(JSON.stringify({
    type: 'block_actions', user: { id: user, username: 'dana', name: 'dana', team_id: team }, team: { id: team }, trigger_id: '13345.2.3',
    channel: { id: channel }, container: { type: 'message', message_ts: '1715000000.000600', channel_id: channel, is_ephemeral: true },
    response_url: `${fakeUrl}/hooks/note`, actions: [{ type: 'button', action_id: addNote?.action_id, block_id: 'b', value: addNote?.value }],
  }));
  check((await post('/slack/interactions', opening)).status === 200, 'Add note pressed: acked 200');
  const noteOpened = await waitForCall('/api/views.open');
  const modal = noteOpened ? JSON.parse(noteOpened.body) : {};
  const input = modal.view?.blocks?.find((b) => b.type === 'input');
  check(modal.trigger_id === '13345.2.3' && modal.view?.type === 'modal' && input?.element?.type === 'plain_text_input' && input.element.multiline === true,
    'views.open with the trigger: a modal with a multi-line text input');
  const submission = (text) => 'payload=' + encodeURIComponent(JSON.stringify({
    type: 'view_submission', user: { id: user, username: 'dana', name: 'dana', team_id: team }, team: { id: team },
    view: { id: 'V0E2E', callback_id: modal.view?.callback_id, private_metadata: modal.view?.private_metadata,
      state: { values: { [input?.block_id]: { [input?.element?.action_id]: { type: 'plain_text_input', value: text } } } } },
  }));
  const tooLong = await post('/slack/interactions', submission('x'.repeat(2001)));
  const errors = tooLong.ok ? await tooLong.json().catch(() => ({})) : {};
  check(errors.response_action === 'errors' && /at most 2,000 characters/.test(errors.errors?.[input?.block_id] ?? ''), 'a note over 2,000 characters: response_action errors, the modal stays open');
  const note = 'CFO wants an ROI case by Q1';
  const saved = await post('/slack/interactions', submission(note));
  check(saved.status === 200 && (await saved.text()) === '', 'a good note: empty 200 ack closes the modal');
  const noted = await waitForCall('/hooks/note');
  const notedCard = noted ? JSON.parse(noted.body) : {};
  check(notedCard.replace_original === true && JSON.stringify(notedCard.blocks ?? []).includes(note), 'the card is replaced and shows the note under "Latest notes"');

  // 7) /coach pipeline: a summary with a Details button (the details come in the thread); /coach show the map
  const pipe = await post('/slack/commands', command('pipeline', 'pipe'));
  const summary = pipe.ok ? await pipe.json().catch(() => ({})) : {};
  const detailsButton = blocksOf(summary).filter((b) => b.type === 'actions').flatMap((b) => b.elements).find((e) => e.text?.text === 'Details');
  check(pipe.status === 200 && /pipelineDetails/.test(detailsButton?.value ?? ''), '/coach pipeline -> a summary with a Details button');
  const map = await post('/slack/commands', command('show the map', 'map'));
  const mapAnswer = map.ok ? await map.json().catch(() => ({})) : {};
  check(map.status === 200 && /B2B default/.test(header(mapAnswer)) && /Existing customer/.test(JSON.stringify(blocksOf(mapAnswer))),
    `/coach show the map -> the map with its stages ("${header(mapAnswer)}")`);

  // 8) a signed /coach in Arabic (issue 17): «ما التالي لصفقة Initech» -> Initech's checklist, as for "next initech"
  const arabic = await post('/slack/commands', command('ما التالي لصفقة Initech', 'ar1'));
  const arabicAnswer = arabic.ok ? await arabic.json().catch(() => ({})) : {};
  check(arabic.status === 200 && /initech/i.test(JSON.stringify(blocksOf(arabicAnswer))) && checkboxes(arabicAnswer).length > 0,
    `/coach ما التالي لصفقة Initech -> Initech's checklist ("${header(arabicAnswer)}")`);
} finally {
  stop();
}
console.log(failures === 0 ? 'e2e: all passed' : `e2e: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

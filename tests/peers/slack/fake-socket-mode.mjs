// fake-socket-mode.mjs — a fake Slack for Socket Mode on 127.0.0.1, built the way node-slack-sdk tests its own
// @slack/socket-mode client: an HTTP `apps.connections.open` plus a `ws` WebSocketServer. It also answers the
// Web API calls a bot makes while handling envelopes (chat.postMessage, …) and `response_url` hooks, recording all.
//
// Every client meets the same script (what Slack does, in a few seconds):
//   connection #1: hello; `/coach next initech` (slash_commands, accepts_response_payload) and an app_mention
//     (events_api); once both are acked: the events_api envelope redelivered (same envelope_id, retry_attempt 1)
//     and the same event retried under a new envelope_id; then malformed JSON and an envelope of an unknown type,
//     and one more app_mention (the connection must still be up); once that is acked: disconnect
//     `refresh_requested` and, right behind it on the same socket, one late envelope (Slack keeps delivering on
//     the old connection for a while).
//   connection #2: hello, one app_mention.
// Like Slack, an envelope not acked within 3 s is sent again (retry_attempt + 1), and envelopes still un-acked when
// their socket closes are redelivered on the next connection. Acks of the unknown type are recorded, not required.
import http from 'node:http';
import { WebSocketServer } from 'ws';

export const redeliveryMs = 3000;

export function startFakeSocketMode({ port = 0, team = 'T0FAKE', user = 'U0PAT', log = () => {} } = {}) {
  const stats = { opens: 0, connections: [], acks: [], sent: [], calls: [], redelivered: [] };
  const pending = new Map(); // envelope_id -> { envelope, conn, timer }
  const waiting = []; // { ids, conn, then }: a script step that waits for acks
  let base = '';
  let finished;
  const done = new Promise((resolve) => { finished = resolve; });

  const event = (id, eventId, channel, text, extra = {}) => ({
    envelope_id: id, type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', ...extra,
    payload: {
      type: 'event_callback', team_id: team, api_app_id: 'A0FAKE', event_id: eventId, event_time: 1715000000,
      authorizations: [{ team_id: team, user_id: 'U0BOT', is_bot: true }],
      event: { type: 'app_mention', user, text: `<@U0BOT> ${text}`, ts: '1715000000.000100', channel, event_ts: '1715000000.000100' },
    },
  });
  const command = (id) => ({
    envelope_id: id, type: 'slash_commands', accepts_response_payload: true,
    payload: { command: '/coach', text: 'next initech', user_id: user, user_name: 'dana', team_id: team, team_domain: 'fake',
      channel_id: 'C0CMD', channel_name: 'sales', api_app_id: 'A0FAKE', response_url: `${base}/hooks/cmd`, trigger_id: '1.2.3' },
  });

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      stats.calls.push({ path: req.url, auth, body, at: Date.now() });
      const answer = (status, json) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
      if (req.url.startsWith('/hooks/')) { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); return; }
      if (req.url.startsWith('/api/apps.connections.open')) {
        if (!/^Bearer xapp-/.test(auth)) { answer(200, { ok: false, error: 'not_authed' }); return; }
        if (auth.includes('revoked')) { answer(200, { ok: false, error: 'invalid_auth' }); return; }
        stats.opens++;
        answer(200, { ok: true, url: `ws://127.0.0.1:${server.address().port}/link/?ticket=t${stats.opens}&app_id=A0FAKE` });
        return;
      }
      if (!/^Bearer xoxb-/.test(auth)) { answer(200, { ok: false, error: 'not_authed' }); return; }
      if (req.url.startsWith('/api/users.info')) { answer(200, { ok: true, user: { id: user, name: 'dana', profile: { email: 'dana@example.com' } } }); return; }
      answer(200, { ok: true, channel: 'C0FAKE', ts: '1715000000.000900' });
    });
  });

  const wss = new WebSocketServer({ server, path: '/link/' });
  const open = () => stats.connections.filter((c) => c.ws.readyState === c.ws.OPEN && c.helloAt);
  const send = (c, message) => {
    if (c.ws.readyState !== c.ws.OPEN) return false;
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    stats.sent.push({ conn: c.n, type: message.type ?? 'raw', envelope_id: message.envelope_id, at: Date.now() });
    c.ws.send(text);
    return true;
  };
  // Sends an envelope and keeps it pending until acked: re-sent after 3 s, moved to the next connection on close.
  const deliver = (c, envelope) => {
    const entry = { envelope, conn: c.n };
    pending.set(envelope.envelope_id, entry);
    const arm = () => {
      entry.timer = setTimeout(() => {
        const again = { ...entry.envelope, retry_attempt: (entry.envelope.retry_attempt ?? 0) + 1, retry_reason: 'timeout' };
        entry.envelope = again;
        stats.redelivered.push({ envelope_id: again.envelope_id, why: 'timeout', conn: entry.conn });
        const target = stats.connections.find((x) => x.n === entry.conn && x.ws.readyState === x.ws.OPEN) ?? open().at(-1);
        if (target) { entry.conn = target.n; send(target, again); }
        arm();
      }, redeliveryMs);
    };
    arm();
    send(c, envelope);
  };
  const after = (c, ids, then) => waiting.push({ ids: new Set(ids), conn: c.n, then });

  const script = {
    1: (c) => {
      deliver(c, command('env-cmd'));
      deliver(c, event('env-ev1', 'Ev1', 'C0EV1', 'next initech'));
      after(c, ['env-cmd', 'env-ev1'], () => {
        deliver(c, event('env-ev1', 'Ev1', 'C0EV1', 'next initech', { retry_attempt: 1, retry_reason: 'timeout' }));
        deliver(c, event('env-ev1-retry', 'Ev1', 'C0EV1', 'next initech', { retry_attempt: 1, retry_reason: 'timeout' }));
        after(c, ['env-ev1', 'env-ev1-retry'], () => {
          send(c, '{"type":"events_api","envelope_id":"env-broken","payload":{');
          send(c, { type: 'brand_new_type', envelope_id: 'env-unknown', payload: {} });
          deliver(c, event('env-ev2', 'Ev2', 'C0EV2', 'next initech'));
          after(c, ['env-ev2'], () => {
            send(c, { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-local' } });
            deliver(c, event('env-late', 'Ev3', 'C0LATE', 'next initech'));
          });
        });
      });
    },
    2: (c) => {
      deliver(c, event('env-ev4', 'Ev4', 'C0EV4', 'next initech'));
      after(c, ['env-ev4'], () => { c.scriptDone = true; check(); });
    },
  };
  const check = () => {
    if (pending.size === 0 && stats.connections.some((c) => c.scriptDone)) finished();
  };

  wss.on('connection', (ws, req) => {
    const c = { n: stats.connections.length + 1, ws, url: req.url, openedAt: Date.now(), helloAt: 0, closedAt: 0 };
    stats.connections.push(c);
    log(`[fake] ws connection #${c.n}`);
    send(c, { type: 'hello', num_connections: open().length + 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake-local', approximate_connection_time: 18060 } });
    c.helloAt = Date.now();
    // Slack moves envelopes left un-acked on a closed socket to a live one.
    for (const [id, entry] of pending) {
      if (!stats.connections.some((x) => x.n === entry.conn && x.ws.readyState === x.ws.OPEN)) {
        stats.redelivered.push({ envelope_id: id, why: 'socket closed', conn: c.n });
        entry.conn = c.n;
        send(c, { ...entry.envelope, retry_attempt: (entry.envelope.retry_attempt ?? 0) + 1, retry_reason: 'timeout' });
      }
    }
    script[c.n]?.(c);
    ws.on('message', (data) => {
      let ack;
      try { ack = JSON.parse(String(data)); } catch { ack = { unparsable: String(data) }; }
      stats.acks.push({ conn: c.n, at: Date.now(), ...ack });
      log(`[fake] ack on #${c.n}: ${String(data).slice(0, 160)}`);
      const entry = pending.get(ack.envelope_id);
      if (entry) { clearTimeout(entry.timer); pending.delete(ack.envelope_id); }
      for (const w of waiting.filter((x) => x.conn === c.n && [...x.ids].every((id) => !pending.has(id)))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.then();
      }
      check();
    });
    ws.on('close', () => { c.closedAt = Date.now(); log(`[fake] ws #${c.n} closed`); });
  });

  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    base = `http://127.0.0.1:${server.address().port}`;
    resolve({
      apiUrl: `${base}/api/`, stats, done,
      unacked: () => [...pending.keys()],
      close: () => new Promise((r) => {
        pending.forEach((e) => clearTimeout(e.timer));
        wss.clients.forEach((ws) => ws.terminate());
        wss.close();
        server.close(r);
        server.closeAllConnections();
      }),
    });
  }));
}

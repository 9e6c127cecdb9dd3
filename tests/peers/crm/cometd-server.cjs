#!/usr/bin/env node
// cometd-server.cjs PORT — the real CometD server implementation jsforce itself talks to (npm faye, Bayeux 1.0,
// long-polling), mounted where Salesforce's Streaming API lives (/cometd/59.0), for check.sh to drive the host's own
// Change Data Capture subscriber. Control endpoints (not Salesforce; for the check only):
//   POST /_publish?channel=/data/OpportunityChangeEvent   body = the event's data (JSON); `event.replayId` is numbered
//        here when the body has an `event` object without one
//   POST /_refuse-replay   from now on a subscribe whose ext.replay is a stored id (not -1 / -2) is refused with
//        Salesforce's "400::The replayId {N} you provided was invalid…" (a replayId beyond the org's retention)
//   POST /_drop?n=N        the next N requests under the mount have their connection cut (a network drop)
// Each handshake's Authorization header and each subscribe's ext.replay are logged to stderr, with `[cometd]`.
const http = require('node:http');
const faye = require('faye');

const port = Number(process.argv[2] || 4040);
const mount = '/cometd/59.0';
let replayId = 5000;
let refuseReplay = false;
let drops = 0;

const bayeux = new faye.NodeAdapter({ mount, timeout: 20 });
bayeux.addExtension({
  incoming(message, request, callback) {
    if (message.channel === '/meta/handshake') {
      console.error(`[cometd] handshake Authorization: ${request?.headers?.authorization ?? '(none)'}`);
    }
    if (message.channel === '/meta/subscribe') {
      const from = message.ext?.replay?.[message.subscription];
      console.error(`[cometd] subscribe ${message.subscription} ext.replay=${JSON.stringify(from ?? null)}`);
      if (refuseReplay && typeof from === 'number' && from !== -1 && from !== -2) {
        message.error = `400::The replayId {${from}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
        console.error(`[cometd] refused replayId ${from}`);
      }
    }
    callback(message);
  },
});

const read = (req) => new Promise((resolve) => { let raw = ''; req.on('data', (c) => { raw += c; }); req.on('end', () => resolve(raw)); });

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/_publish') {
    const raw = await read(req);
    let data;
    try { data = JSON.parse(raw); } catch { res.writeHead(400).end('body is not JSON\n'); return; }
    if (data && typeof data.event === 'object' && data.event !== null && data.event.replayId === undefined) data.event.replayId = ++replayId;
    const channel = url.searchParams.get('channel') || '/data/OpportunityChangeEvent';
    bayeux.getClient().publish(channel, data);
    console.error(`[cometd] published to ${channel} replayId=${data?.event?.replayId ?? '(none)'}`);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ replayId: data?.event?.replayId ?? null }) + '\n');
    return;
  }
  if (req.method === 'POST' && url.pathname === '/_refuse-replay') { refuseReplay = true; res.writeHead(204).end(); return; }
  if (req.method === 'POST' && url.pathname === '/_drop') { drops += Number(url.searchParams.get('n') || 1); res.writeHead(204).end(); return; }
  res.writeHead(404).end();
});
// faye takes over the 'request' listeners when attached, so the cut is put in front of it afterwards: the client meets
// a reset connection before faye sees the request, as on a network drop.
bayeux.attach(server);
server.prependListener('request', (req) => {
  if (drops > 0 && req.url.startsWith(mount)) { drops--; console.error('[cometd] dropped a connection'); req.socket.destroy(); }
});
server.listen(port, '127.0.0.1', () => console.log(`COMETD_URL=http://127.0.0.1:${port}${mount}`));

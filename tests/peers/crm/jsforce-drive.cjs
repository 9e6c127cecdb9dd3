#!/usr/bin/env node
// jsforce-drive.cjs PROXY_URL FAKE_URL CERT.pem CLIENT_ID USERNAME DEALS — the jsforce client (3.10.8) against our fake
// Salesforce org:
//  1. signs in with the OAuth 2.0 JWT bearer flow (a JWT signed RS256 here with node:crypto and the connected app's
//     key; jsforce posts it) and takes instance_url and the token from the answer;
//  2. through `prism proxy --errors` serving Salesforce's own sObject spec (every request and answer validated):
//     Opportunity retrieve / update / retrieve again (stateful), Task create, OpportunityStage and User retrieve, and
//     three calls that must be refused (a stage outside the picklist, Amount="lots", no token);
//  3. directly (the spec has no /query or /composite): SOQL with queryMore over nextRecordsUrl pages, counting every
//     opportunity and both record types, OpportunityHistory, and a composite ContentNote + ContentDocumentLink.
// Prints one line per call; exit 1 if any call does not behave as expected.
const crypto = require('node:crypto');
const fs = require('node:fs');
const jsforce = require('jsforce');

const [proxyUrl, fakeUrl, certPath, clientId, username, dealsArg] = process.argv.slice(2);
if (!proxyUrl || !fakeUrl || !certPath || !clientId || !username) {
  console.error('usage: jsforce-drive.cjs PROXY_URL FAKE_URL CERT.pem CLIENT_ID USERNAME DEALS');
  process.exit(2);
}
const deals = Number(dealsArg ?? 300);
const version = '59.0';
const wire = [];
const recorded = (conn) => {
  const send = conn._transport.httpRequest.bind(conn._transport);
  conn._transport.httpRequest = (req, opts) => {
    const p = send(req, opts);
    p.then((res) => wire.push(`${req.method} ${new URL(req.url).pathname} -> ${res.statusCode}`), () => {});
    return p;
  };
  return conn;
};
const last = () => (wire.length ? ` [${wire[wire.length - 1]}]` : '');
const short = (v) => { const s = JSON.stringify(v); return s && s.length > 200 ? s.slice(0, 200) + '…' : s; };
let failed = 0;
const call = async (label, fn, check) => {
  try {
    const result = await fn();
    const problem = check?.(result);
    if (problem) { failed++; console.log(`FAIL ${label}: ${problem}${last()}`); } else console.log(`ok   ${label}${last()}`);
    return result;
  } catch (e) { failed++; console.log(`FAIL ${label}: ${e.errorCode || e.name}: ${(e.message || '').slice(0, 200)}${last()}`); return undefined; }
};
const refused = async (label, fn) => {
  try { await fn(); failed++; console.log(`FAIL ${label}: accepted, expected an error${last()}`); }
  catch (e) { console.log(`ok   ${label}: refused (${e.errorCode || e.name})${last()}`); }
};

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const assertion = () => {
  const header = b64url({ alg: 'RS256', typ: 'JWT' });
  const payload = b64url({ iss: clientId, sub: username, aud: new URL(fakeUrl).origin, exp: Math.floor(Date.now() / 1000) + 180 });
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), fs.readFileSync(certPath, 'utf8')).toString('base64url');
  return `${header}.${payload}.${signature}`;
};

(async () => {
  const login = recorded(new jsforce.Connection({ oauth2: { loginUrl: fakeUrl.replace(/\/$/, ''), clientId }, version }));
  await call('OAuth 2.0 JWT bearer sign-in (authorize)', () => login.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion() }),
    () => login.accessToken && login.instanceUrl ? null : 'no token or instance_url');
  await refused('JWT bearer sign-in with a forged signature', () => new jsforce.Connection({ oauth2: { loginUrl: fakeUrl.replace(/\/$/, ''), clientId }, version })
    .authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion().replace(/\.[^.]+$/, '.AAAA') }));
  const token = login.accessToken;

  const direct = recorded(new jsforce.Connection({ instanceUrl: login.instanceUrl, accessToken: token, version }));
  let page = await call('query(SOQL Opportunity) first page', () => direct.query('SELECT Id, Name, StageName, OwnerId, RecordType.DeveloperName, SystemModstamp FROM Opportunity ORDER BY SystemModstamp, Id'),
    (r) => r.totalSize === deals ? null : `totalSize ${r.totalSize}, expected ${deals}`);
  const records = [...(page?.records ?? [])];
  let pages = 1;
  while (page && !page.done) {
    const next = page.nextRecordsUrl;
    page = await call(`queryMore(${next.split('/').pop()})`, () => direct.queryMore(next));
    records.push(...(page?.records ?? []));
    pages++;
  }
  const types = new Set(records.map((r) => r.RecordType?.DeveloperName ?? '(none)'));
  console.log(`${records.length === deals && pages > 1 && types.has('Enterprise') && types.has('Smb') ? 'ok  ' : 'FAIL'} ${records.length} opportunities over ${pages} pages, record types: ${[...types].sort().join(', ')}`);
  if (!(records.length === deals && pages > 1 && types.has('Enterprise') && types.has('Smb'))) failed++;
  const oppId = records[0]?.Id;
  const ownerId = records[0]?.OwnerId;
  await call('query(OpportunityHistory of the first deal)', () => direct.query(`SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ('${oppId}') ORDER BY OpportunityId, CreatedDate`),
    (r) => r.totalSize >= 1 ? null : 'no history');
  await call('composite(ContentNote + ContentDocumentLink)', () => direct.requestPost(`/services/data/v${version}/composite`, {
    allOrNone: true,
    compositeRequest: [
      { method: 'POST', url: `/services/data/v${version}/sobjects/ContentNote`, referenceId: 'note', body: { Title: 'Coach note', Content: Buffer.from('<p>CFO wants a pilot</p>').toString('base64') } },
      { method: 'POST', url: `/services/data/v${version}/sobjects/ContentDocumentLink`, referenceId: 'link', body: { ContentDocumentId: '@{note.id}', LinkedEntityId: oppId, ShareType: 'I' } },
    ],
  }), (r) => r.compositeResponse?.every((s) => s.httpStatusCode === 201) ? null : short(r));
  await refused('query(unknown field)', () => direct.query('SELECT Id, NoSuchField__c FROM Opportunity'));

  const proxied = recorded(new jsforce.Connection({ instanceUrl: proxyUrl, accessToken: token, version }));
  const opportunity = proxied.sobject('Opportunity');
  await call(`Opportunity.retrieve(${oppId}) via proxy`, () => opportunity.retrieve(oppId), (o) => o.Id === oppId ? null : `got ${o.Id}`);
  await call('Opportunity.update(StageName, NextStep) via proxy', () => opportunity.update({ Id: oppId, StageName: 'Negotiation/Review', NextStep: 'Send MSA' }),
    (r) => r.success ? null : short(r));
  await call('Opportunity.retrieve after update (stateful) via proxy', () => opportunity.retrieve(oppId),
    (o) => o.StageName === 'Negotiation/Review' && o.NextStep === 'Send MSA' ? null : `StageName ${o.StageName}, NextStep ${o.NextStep}`);
  await call('Task.create(WhatId=opportunity) via proxy', () => proxied.sobject('Task').create({ WhatId: oppId, Subject: 'Coach: next step booked', Status: 'Completed', ActivityDate: '2026-12-03' }),
    (r) => r.success && r.id ? null : short(r));
  await call('OpportunityStage.retrieve via proxy', () => proxied.sobject('OpportunityStage').retrieve('01J000000000001AAA'),
    (s) => s.ApiName === 'Prospecting' ? null : short(s));
  await call(`User.retrieve(${ownerId}) via proxy`, () => proxied.sobject('User').retrieve(ownerId), (u) => u.Email ? null : 'no email');
  await refused('Opportunity.update(StageName outside the picklist) via proxy', () => opportunity.update({ Id: oppId, StageName: 'No Such Stage' }));
  await refused('Opportunity.update(Amount="lots") via proxy', () => opportunity.update({ Id: oppId, Amount: 'lots' }));
  await refused('retrieve without a token via proxy', () => new jsforce.Connection({ instanceUrl: proxyUrl, accessToken: 'x', version }).sobject('Opportunity').retrieve(oppId));

  console.log(failed ? `${failed} call(s) failed` : 'jsforce: all calls behaved as expected');
  process.exit(failed ? 1 : 0);
})();

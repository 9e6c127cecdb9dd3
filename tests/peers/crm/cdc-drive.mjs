// cdc-drive.mjs FAKE_ORG_URL TOKEN STAGE [SKIP_ID] — a Salesforce user's edit for the Change Data Capture check: picks
// the first open opportunity of the fake org (check.sh runs it there) not already in STAGE (and not SKIP_ID), moves it
// to STAGE with a REST PATCH, and prints "ID<TAB>OWNER_EMAIL<TAB>NAME" for the event check.sh then publishes.
const [orgUrl, token, stage, skip] = process.argv.slice(2);
if (!orgUrl || !token || !stage) { console.error('usage: cdc-drive.mjs FAKE_ORG_URL TOKEN STAGE [SKIP_ID]'); process.exit(2); }
const base = orgUrl.replace(/\/$/, '') + '/services/data/v59.0';
const call = async (method, path, body) => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path.split('?')[0]} -> ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};
const page = await call('GET', '/query?q=' + encodeURIComponent('SELECT Id, Name, StageName, OwnerId, IsClosed FROM Opportunity ORDER BY Id'));
const pick = page.records.find((o) => !o.IsClosed && o.StageName !== stage && o.Id !== skip);
if (!pick) { console.error(`no open opportunity outside ${stage}`); process.exit(1); }
await call('PATCH', `/sobjects/Opportunity/${pick.Id}`, { StageName: stage });
const owner = await call('GET', `/sobjects/User/${pick.OwnerId}`);
console.log(`${pick.Id}\t${owner.Email}\t${pick.Name}`);

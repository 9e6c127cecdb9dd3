#!/usr/bin/env node
// hubspot-drive.mjs BASE_URL TOKEN DEAL_ID — the official @hubspot/api-client makes the calls the coach makes, against
// Prism's validating proxy in front of our fake HubSpot: every request and every answer of the fake is checked
// against HubSpot's spec on the way (a violating answer becomes a 500, which fails the call here). Exit 1 if any call
// does not behave as expected. The last two calls must be refused (bad search operator, no token).
import hubspot from '@hubspot/api-client';

const [baseUrl, token, dealId] = process.argv.slice(2);
if (!baseUrl || !token || !dealId) { console.error('usage: hubspot-drive.mjs BASE_URL TOKEN DEAL_ID'); process.exit(2); }
const client = new hubspot.Client({ accessToken: token, basePath: baseUrl, numberOfApiCallRetries: 0 });
const short = (v) => { const s = JSON.stringify(v); return s.length > 200 ? s.slice(0, 200) + '…' : s; };
let failed = 0;
const call = async (label, fn, check) => {
  try {
    const result = await fn();
    const problem = check?.(result);
    if (problem) { failed++; console.log(`FAIL ${label}: ${problem}`); } else console.log(`ok   ${label}`);
  } catch (e) { failed++; console.log(`FAIL ${label}: HTTP ${e.code ?? '?'} ${short(e.body ?? e.message)}`); }
};
const refused = async (label, fn) => {
  try { await fn(); failed++; console.log(`FAIL ${label}: accepted, expected a 4xx`); }
  catch (e) { console.log(`ok   ${label}: refused (HTTP ${e.code ?? '?'})`); }
};

await call(`deals.basicApi.getById(${dealId})`, () => client.crm.deals.basicApi.getById(dealId, ['dealname', 'dealstage', 'pipeline', 'hubspot_owner_id']),
  (d) => d.id === dealId ? null : `got deal ${d.id}`);
await call('deals.basicApi.update(dealstage=contractsent)', () => client.crm.deals.basicApi.update(dealId, { properties: { dealstage: 'contractsent' } }));
await call('deals.basicApi.getById after update (stateful)', () => client.crm.deals.basicApi.getById(dealId, ['dealstage']),
  (d) => d.properties.dealstage === 'contractsent' ? null : `dealstage is ${d.properties.dealstage}`);
await call('deals.searchApi.doSearch(hs_lastmodifieddate GTE, ascending, paging)', () => client.crm.deals.searchApi.doSearch({
  filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '0' }] }],
  properties: ['dealname', 'dealstage'], sorts: ['hs_lastmodifieddate'], limit: 100, after: '100' }),
  (p) => p.results.length === 100 && p.total >= 200 ? null : `total ${p.total}, ${p.results.length} results`);
await call('deals.batchApi.read(propertiesWithHistory=dealstage)', () => client.crm.deals.batchApi.read({
  inputs: [{ id: dealId }], properties: ['dealstage'], propertiesWithHistory: ['dealstage'] }),
  (r) => r.results[0]?.propertiesWithHistory?.dealstage?.length >= 2 ? null : 'no stage history');
await call('owners.ownersApi.getPage(limit=100)', () => client.crm.owners.ownersApi.getPage(undefined, undefined, 100, false),
  (p) => p.results.length >= 1 ? null : 'no owners');
await call('pipelines.pipelinesApi.getAll(deals)', () => client.crm.pipelines.pipelinesApi.getAll('deals'),
  (p) => p.results[0]?.stages.length >= 2 ? null : 'no stages');
await call('objects.notes.basicApi.create(+deal association 214)', () => client.crm.objects.notes.basicApi.create({
  properties: { hs_timestamp: new Date().toISOString(), hs_note_body: 'Coach: next step booked' },
  associations: [{ to: { id: dealId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }] }));
await refused('deals.basicApi.update to a stage outside the pipeline', () => client.crm.deals.basicApi.update(dealId, { properties: { dealstage: 'nosuchstage' } }));
await refused('doSearch(operator=LIKE)', () => client.crm.deals.searchApi.doSearch({
  filterGroups: [{ filters: [{ propertyName: 'dealname', operator: 'LIKE', value: 'x' }] }], properties: [], sorts: [], limit: 10, after: '0' }));
await refused('getById without a token', () => new hubspot.Client({ basePath: baseUrl, numberOfApiCallRetries: 0 }).crm.deals.basicApi.getById(dealId));

console.log(failed ? `${failed} call(s) failed` : 'official client: all calls behaved as expected');
process.exit(failed ? 1 : 0);

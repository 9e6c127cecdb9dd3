#!/usr/bin/env node
// build-salesforce-spec.mjs OUT.json — Salesforce's sObject OpenAPI (Lightning Platform REST API 59.0, as installed from
// npm @opensdks/sdk-salesforce, 19 MB) cut to the sObjects the coach reads and writes, for Prism. Changes, none of
// them loosening what a request or response may contain:
//  1. only /sobjects/{Name} and /sobjects/{Name}/{id} of Opportunity, OpportunityHistory, OpportunityStage, User, Task
//     and ContentDocumentLink, with the schemas they reference (the source has no ContentNote);
//  2. paths mounted under /services/data/v59.0 (the source has bare /sobjects/... and no servers);
//  3. SaveResult (the create answer) requires id, success and errors, as every real create answer has them.
// The source has no /query, /queryAll, /composite or describe: those calls are checked by jsforce against the fake
// directly (jsforce-drive.cjs), not through the proxy.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? 'salesforce.prism.json';
const src = JSON.parse(readFileSync(require.resolve('@opensdks/sdk-salesforce/salesforce.oas.json'), 'utf8'));
const keep = ['Opportunity', 'OpportunityHistory', 'OpportunityStage', 'User', 'Task', 'ContentDocumentLink'];
const paths = {};
for (const [p, item] of Object.entries(src.paths)) {
  const m = p.match(/^\/sobjects\/([^/]+)(\/\{id\})?$/);
  if (m && keep.includes(m[1])) paths['/services/data/v59.0' + p] = item;
}
const refs = new Set(), todo = [paths];
while (todo.length) {
  const node = todo.pop();
  if (Array.isArray(node)) todo.push(...node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') { const n = v.split('/').pop(); if (!refs.has(n)) { refs.add(n); todo.push(src.components.schemas[n]); } }
    else todo.push(v);
  }
}
const schemas = Object.fromEntries([...refs].sort().map((n) => [n, src.components.schemas[n]]));
if (schemas.SaveResult) schemas.SaveResult = { ...schemas.SaveResult, required: ['id', 'success', 'errors'] };
writeFileSync(out, JSON.stringify({ openapi: src.openapi, info: { ...src.info, title: `${src.info.title} (sObjects subset)` },
  servers: [{ url: 'https://example.my.salesforce.com' }], paths,
  components: { schemas, securitySchemes: src.components.securitySchemes }, security: src.security }));
console.log(`wrote ${out}: ${Object.keys(paths).length} paths, ${Object.keys(schemas).length} schemas`);

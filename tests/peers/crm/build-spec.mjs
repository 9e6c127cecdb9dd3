#!/usr/bin/env node
// build-spec.mjs OUT.json — HubSpot's published OpenAPI specs, as installed from npm (@opensdks/sdk-hubspot), merged
// into one document Prism can serve: deals (incl. search and batch read), pipelines, owners and CRM objects (notes).
// Patches, each needed by Prism and none changing what a request or response may contain:
//  1. components prefixed per file (several files define different schemas under the same name);
//  2. media type "*/*" -> "application/json" (with "*/*" Prism does not parse JSON bodies and rejects valid ones);
//  3. every `"example": null` dropped (Prism serves it verbatim);
//  4. /crm/v3/owners = /crm/v3/owners/ (the spec has the trailing-slash form; our client calls it too).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? 'hubspot.prism.json';
const files = { Deals: 'hubspot_crm_deals', Pipelines: 'hubspot_crm_pipelines', Owners: 'hubspot_crm_owners', Objects: 'hubspot_crm_objects' };
const prefixRefs = (node, pre) => Array.isArray(node) ? node.map((x) => prefixRefs(x, pre))
  : node && typeof node === 'object'
    ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string'
      ? v.replace('#/components/schemas/', `#/components/schemas/${pre}`).replace('#/components/responses/', `#/components/responses/${pre}`)
      : prefixRefs(v, pre)]))
    : node;
const spec = { openapi: '3.0.1', info: { title: 'HubSpot CRM (from @opensdks/sdk-hubspot) for Prism', version: 'v3' },
  servers: [{ url: 'https://api.hubapi.com' }], paths: {}, components: { schemas: {}, responses: {}, securitySchemes: {} } };
for (const [name, file] of Object.entries(files)) {
  const doc = JSON.parse(readFileSync(require.resolve(`@opensdks/sdk-hubspot/${file}.oas.json`), 'utf8'));
  const pre = name + '_';
  for (const [path, item] of Object.entries(doc.paths)) {
    if (spec.paths[path]) throw new Error(`duplicate path ${path} in ${file}`);
    spec.paths[path] = prefixRefs(item, pre);
  }
  for (const section of ['schemas', 'responses']) {
    for (const [k, v] of Object.entries(doc.components?.[section] ?? {})) spec.components[section][pre + k] = prefixRefs(v, pre);
  }
  for (const [k, v] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const cur = spec.components.securitySchemes[k] ??= structuredClone(v);
    for (const [flow, f] of Object.entries(v.flows ?? {})) Object.assign((cur.flows[flow] ??= structuredClone(f)).scopes ??= {}, f.scopes);
  }
}
if (spec.paths['/crm/v3/owners/'] && !spec.paths['/crm/v3/owners']) spec.paths['/crm/v3/owners'] = spec.paths['/crm/v3/owners/'];
const dropNullExamples = (n) => Array.isArray(n) ? n.map(dropNullExamples) : n && typeof n === 'object'
  ? Object.fromEntries(Object.entries(n).filter(([k, v]) => !(k === 'example' && v === null)).map(([k, v]) => [k, dropNullExamples(v)])) : n;
writeFileSync(out, JSON.stringify(dropNullExamples(JSON.parse(JSON.stringify(spec).replaceAll('"*/*"', '"application/json"')))));
console.log(`wrote ${out}: ${Object.keys(spec.paths).length} paths`);

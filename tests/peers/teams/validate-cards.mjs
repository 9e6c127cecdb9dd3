#!/usr/bin/env node
// Validates Adaptive Card JSON files with Microsoft's own `adaptivecards` library (the renderer
// Teams' web client is built on), as a host with the given maximum schema version would.
// Usage: node validate-cards.mjs [--max-version 1.5] FILE_OR_DIR...   exit 1 on any error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js'); // the UMD bundle loads under plain Node

const args = process.argv.slice(2);
const at = args.indexOf('--max-version');
const maxVersion = at >= 0 ? args.splice(at, 2)[1] : '1.5';
const files = args.flatMap((p) => (fs.statSync(p).isDirectory()
  ? fs.readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(p, f))
  : [p]));
if (files.length === 0) { console.error('usage: validate-cards.mjs [--max-version 1.5] FILE_OR_DIR...'); process.exit(2); }

const E = AC.ValidationEvent;
const P = AC.ValidationPhase;
// Advice, not errors: hints and the accessibility suggestions for required inputs.
const advisory = new Set([E.Hint, E.Deprecated, E.RequiredInputsShouldHaveLabel, E.RequiredInputsShouldHaveErrorMessage]);
const hostVersion = AC.Version.parse(maxVersion, new AC.SerializationContext());

function validate(file) {
  const problems = [];
  let json;
  try { json = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { return [`ERROR invalid JSON: ${e.message}`]; }
  const context = new AC.SerializationContext(hostVersion);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  for (const e of events) {
    problems.push(`${advisory.has(e.event) ? 'WARNING' : 'ERROR'} ${P[e.phase]}/${E[e.event]}: ${e.message}`);
  }
  if (json.type !== 'AdaptiveCard') problems.push('ERROR root "type" must be "AdaptiveCard"');
  const v = AC.Version.parse(String(json.version ?? ''), new AC.SerializationContext());
  if (!json.version || !v.isValid) problems.push('ERROR root "version" is missing or invalid');
  else if (v.major > hostVersion.major || (v.major === hostVersion.major && v.minor > hostVersion.minor)) {
    problems.push(`ERROR card version ${json.version} is newer than the host's ${maxVersion}`);
  }
  // Teams refuses Action.Execute without a verb, and every button must carry data we can parse back.
  (function walk(node) {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Execute' && !node.verb) problems.push(`ERROR Action.Execute "${node.title ?? ''}" has no verb`);
    if ((node.type === 'Action.Execute' || node.type === 'Action.Submit') && (typeof node.data !== 'object' || !node.data?.kind)) {
      problems.push(`ERROR ${node.type} "${node.title ?? ''}" carries no typed payload (data.kind)`);
    }
    if (node.type === 'Action.Execute' && node.data?.kind !== node.verb) problems.push(`ERROR Action.Execute "${node.title}" verb ${node.verb} does not name its payload ${node.data?.kind}`);
    if (node.type === 'TextBlock' && !node.text) problems.push('ERROR TextBlock without text');
    Object.values(node).forEach(walk);
  })(json);
  return problems;
}

let failed = 0;
for (const file of files) {
  const problems = validate(file);
  const errors = problems.filter((p) => p.startsWith('ERROR')).length;
  if (errors) failed++;
  console.log(`${errors ? 'FAIL' : 'ok  '} ${file}: ${errors} error(s), ${problems.length - errors} warning(s)`);
  for (const p of problems) console.log(`     ${p}`);
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

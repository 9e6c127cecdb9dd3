#!/usr/bin/env node
// mapped-map.mjs DEFAULT_MAP.yaml OUT.yaml — the shipped map plus a crm: mapping onto HubSpot's default deal
// pipeline (the same mapping as tests/SalesCoachBot.Host.Tests/Crm/CrmHost.cs).
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const mapping = { 'sales-engagement': 'appointmentscheduled', sql: 'qualifiedtobuy', demo: 'presentationscheduled',
  proposal: 'decisionmakerboughtin', 'verbal-agreement': 'contractsent', 'go-live': 'closedwon' };
let yaml = readFileSync(input, 'utf8');
for (const [stage, crm] of Object.entries(mapping)) {
  const line = `  - id: ${stage}\n`;
  if (!yaml.includes(line)) throw new Error(`stage ${stage} not in ${input}`);
  yaml = yaml.replace(line, `${line}    crm: { pipeline: default, stages: [${crm}] }\n`);
}
const lost = 'lost: { reasons: [price, competitor, no-budget, no-decision, timing, not-a-fit] }';
if (!yaml.includes(lost)) throw new Error(`outcomes.lost not as expected in ${input}`);
yaml = yaml.replace(lost, lost.replace(' }', ', crm: { pipeline: default, stages: [closedlost] } }'));
writeFileSync(output, yaml);

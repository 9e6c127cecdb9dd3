#!/usr/bin/env node
// mapped-map.mjs DEFAULT_MAP.yaml OUT.yaml [hubspot|salesforce] — the shipped map plus a crm: mapping onto HubSpot's
// default deal pipeline or Salesforce's default Opportunity stages (the same mappings as
// tests/SalesCoachBot.Host.Tests/Crm/CrmHost.cs and SalesforceHost.cs).
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, crm = 'hubspot'] = process.argv.slice(2);
const mappings = {
  hubspot: { stages: { 'sales-engagement': 'appointmentscheduled', sql: 'qualifiedtobuy', demo: 'presentationscheduled',
    proposal: 'decisionmakerboughtin', 'verbal-agreement': 'contractsent', 'go-live': 'closedwon' }, lost: 'closedlost' },
  salesforce: { stages: { 'sales-engagement': "'Prospecting'", sql: "'Qualification'", discovery: "'Needs Analysis'", demo: "'Value Proposition'",
    proposal: "'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote'", 'verbal-agreement': "'Negotiation/Review'",
    'go-live': "'Closed Won'" }, lost: "'Closed Lost'" },
};
if (!mappings[crm]) throw new Error(`unknown crm ${crm}`);
const mapping = mappings[crm].stages;
let yaml = readFileSync(input, 'utf8');
for (const [stage, crm] of Object.entries(mapping)) {
  const line = `  - id: ${stage}\n`;
  if (!yaml.includes(line)) throw new Error(`stage ${stage} not in ${input}`);
  yaml = yaml.replace(line, `${line}    crm: { pipeline: default, stages: [${crm}] }\n`);
}
// The lost reasons are a block list (each in English and Arabic); the mapping goes above them.
const lost = '  lost:\n    reasons:';
if (!yaml.includes(lost)) throw new Error(`outcomes.lost not as expected in ${input}`);
yaml = yaml.replace(lost, `  lost:\n    crm: { pipeline: default, stages: [${mappings[crm].lost}] }\n    reasons:`);
writeFileSync(output, yaml);

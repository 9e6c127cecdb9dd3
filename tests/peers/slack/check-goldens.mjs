#!/usr/bin/env node
// check-goldens.mjs DIR — type-checks every golden Block Kit message in DIR (type Message), every App Home
// view in DIR/views (type HomeView) and every modal in DIR/views/modal-*.json (type ModalView) against
// @slack/types with ONE tsc run, then checks the documented size limits the types cannot express (50 blocks a
// message, 100 a view, 24 characters a modal title, 3000 characters of private_metadata).
// Exit 1 on any type error or limit problem.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
if (!dir) { console.error('usage: check-goldens.mjs GOLDENS_DIR'); process.exit(2); }
const viewDir = join(dir, 'views');
const files = [
  ...readdirSync(dir).filter((f) => f.endsWith('.json')).sort(),
  ...(existsSync(viewDir) ? readdirSync(viewDir).filter((f) => f.endsWith('.json')).sort().map((f) => join('views', f)) : []),
];
if (files.length === 0) { console.error(`no golden files in ${dir}`); process.exit(1); }

// 1) One generated module, one typed constant per golden. KnownBlock[] (not AnyBlock[]) so
//    unknown block types and misspelt fields fail; excess properties are checked on object literals.
let ts = "import type { KnownBlock, HomeView, ModalView } from '@slack/types';\n" +
  'type Message = { text: string; blocks: KnownBlock[] };\n' +
  "type Home = Omit<HomeView, 'blocks'> & { blocks: KnownBlock[] };\n" +
  "type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };\n";
const ranges = [];
files.forEach((file, i) => {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const start = ts.split('\n').length;
  const isView = file.startsWith('views');
  const type = json.type === 'modal' ? 'Modal' : isView ? 'Home' : 'Message';
  ts += `export const golden${i}: ${type} = ${JSON.stringify(json, null, 2)};\n`;
  ranges.push({ file, start, end: ts.split('\n').length - 1, json });
});
// Generated beside node_modules so tsc resolves @slack/types the ordinary way.
mkdirSync(join(here, '.check'), { recursive: true });
const work = mkdtempSync(join(here, '.check', 'goldens-'));
const gen = join(work, 'goldens.ts');
writeFileSync(gen, ts);
writeFileSync(join(work, 'package.json'), '{"type":"module"}');
const tsc = spawnSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'),
  '--noEmit', '--strict', '--pretty', 'false', '--skipLibCheck', '--target', 'es2022',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', gen], { encoding: 'utf8', cwd: here });
const typeErrors = (tsc.stdout + tsc.stderr).trim().split('\n').filter(Boolean);
const owner = (line) => ranges.find((r) => line >= r.start && line <= r.end)?.file ?? '(generated header)';

// 2) Documented limits (docs.slack.dev/reference/block-kit/*).
const limitProblems = (json) => {
  const problems = [];
  const max = (what, s, n) => { if (typeof s === 'string' && s.length > n) problems.push(`${what}: ${s.length} chars > ${n}`); };
  const maxN = (what, a, n) => { if (Array.isArray(a) && a.length > n) problems.push(`${what}: ${a.length} items > ${n}`); };
  if (json.type === 'home') maxN('blocks', json.blocks, 100);
  else if (json.type === 'modal') {
    maxN('blocks', json.blocks, 100);
    max('title', json.title?.text, 24); max('submit', json.submit?.text, 24); max('close', json.close?.text, 24);
    max('private_metadata', json.private_metadata, 3000); max('callback_id', json.callback_id, 255);
  }
  else { if (!json.text || !json.text.trim()) problems.push('no top-level text fallback'); maxN('blocks', json.blocks, 50); }
  const ids = new Set();
  const walk = (o, path) => {
    if (Array.isArray(o)) return o.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!o || typeof o !== 'object') return;
    if (o.block_id !== undefined) { max(`${path}.block_id`, o.block_id, 255); if (ids.has(o.block_id)) problems.push(`${path}: duplicate block_id`); ids.add(o.block_id); }
    max(`${path}.action_id`, o.action_id, 255);
    switch (o.type) {
      case 'section': max(`${path}.text`, o.text?.text, 3000); maxN(`${path}.fields`, o.fields, 10); break;
      case 'header': max(`${path}.text`, o.text?.text, 150); break;
      case 'actions': maxN(`${path}.elements`, o.elements, 25); break;
      case 'context': maxN(`${path}.elements`, o.elements, 10); break;
      case 'image': max(`${path}.alt_text`, o.alt_text, 2000); max(`${path}.image_url`, o.image_url, 3000); break;
      case 'button': max(`${path}.text`, o.text?.text, 75); max(`${path}.value`, o.value, 2000); break;
      case 'input': max(`${path}.label`, o.label?.text, 2000); max(`${path}.hint`, o.hint?.text, 2000); break;
      case 'plain_text_input': if (o.max_length > 3000) problems.push(`${path}.max_length: ${o.max_length} > 3000`); max(`${path}.placeholder`, o.placeholder?.text, 150); break;
      case 'checkboxes': maxN(`${path}.options`, o.options, 10);
        o.options?.forEach((opt, i) => { max(`${path}.options[${i}].text`, opt.text?.text, 75); max(`${path}.options[${i}].value`, opt.value, 75); max(`${path}.options[${i}].description`, opt.description?.text, 75); });
        break;
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v, path);
  };
  walk(json.blocks, 'blocks');
  return problems;
};

let failed = typeErrors.length > 0;
for (const r of ranges) {
  const mine = typeErrors.filter((e) => { const m = e.match(/\((\d+),\d+\)/); return m && owner(Number(m[1])) === r.file; });
  const limits = limitProblems(r.json);
  failed ||= limits.length > 0;
  console.log(`${mine.length || limits.length ? 'FAIL' : 'ok  '} ${basename(r.file)}${mine.map((e) => `\n      type: ${e}`).join('')}${limits.map((p) => `\n      limit: ${p}`).join('')}`);
}
const unowned = typeErrors.filter((e) => !/\((\d+),\d+\)/.test(e) || owner(Number(e.match(/\((\d+),\d+\)/)[1])) === '(generated header)');
unowned.forEach((e) => console.log(`FAIL tsc: ${e}`));
console.log(`${files.length} goldens, ${typeErrors.length} type errors (one tsc run), generated ${gen}`);
if (!failed) rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

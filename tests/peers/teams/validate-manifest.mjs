#!/usr/bin/env node
// Validates a Teams app manifest offline against the JSON schema that Microsoft's
// @microsoft/app-manifest package bundles for its manifestVersion, and checks the icons
// beside it (color 192x192, outline 32x32 with only white pixels).
// Usage: node validate-manifest.mjs manifest.json      exit 1 on errors.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require('@microsoft/app-manifest');
const file = process.argv[2];
if (!file) { console.error('usage: validate-manifest.mjs manifest.json'); process.exit(2); }
const manifest = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
const schemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
const version = String(manifest.manifestVersion ?? '');
const schemaFile = path.join(schemas, version === 'devPreview' ? 'vDevPreview' : `v${version}`, 'MicrosoftTeams.schema.json');
if (!fs.existsSync(schemaFile)) { console.error(`ERROR no bundled schema for manifestVersion ${version}`); process.exit(1); }
// Some bundled schemas carry \a and \v escapes that JSON.parse refuses.
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
const errors = (await AppManifestUtils.validateAgainstSchema(manifest, schema)).map(String);

// Icons: a PNG's size is in IHDR; the outline must be white on transparent.
function readPng(p) {
  const b = fs.readFileSync(p);
  const width = b.readUInt32BE(16), height = b.readUInt32BE(20), depth = b[24], colorType = b[25];
  const idat = [];
  for (let o = 8; o < b.length;) {
    const len = b.readUInt32BE(o), type = b.toString('latin1', o + 4, o + 8);
    if (type === 'IDAT') idat.push(b.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  return { width, height, depth, colorType, raw: zlib.inflateSync(Buffer.concat(idat)) };
}
const dir = path.dirname(file);
for (const [kind, size] of [['color', 192], ['outline', 32]]) {
  const icon = manifest.icons?.[kind];
  const p = icon && path.join(dir, icon);
  if (!p || !fs.existsSync(p)) { errors.push(`icon ${kind} (${icon}) not found beside the manifest`); continue; }
  const png = readPng(p);
  if (png.width !== size || png.height !== size) errors.push(`icon ${kind} is ${png.width}x${png.height}, must be ${size}x${size}`);
  if (kind === 'outline') {
    if (png.colorType !== 6 || png.depth !== 8) { errors.push('outline icon must be 8-bit RGBA (white on transparent)'); continue; }
    const stride = 1 + size * 4;
    for (let y = 0; y < size; y++) {
      if (png.raw[y * stride] !== 0) { errors.push('outline icon: unsupported PNG row filter (write it unfiltered)'); break; }
      for (let x = 0; x < size; x++) {
        const i = y * stride + 1 + x * 4;
        if (png.raw[i + 3] > 0 && (png.raw[i] !== 255 || png.raw[i + 1] !== 255 || png.raw[i + 2] !== 255)) {
          errors.push(`outline icon: pixel ${x},${y} is not white`); y = size; break;
        }
      }
    }
  }
}
for (const e of errors) console.log(`ERROR ${e}`);
console.log(`${file}: manifest v${version} against ${path.relative(process.cwd(), schemaFile)}: ${errors.length} error(s)`);
process.exit(errors.length ? 1 : 0);

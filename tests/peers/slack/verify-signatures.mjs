#!/usr/bin/env node
// verify-signatures.mjs VECTORS.json — every signature our C# computed must be accepted by Bolt's own
// verifySlackRequest, and the same request with one byte appended must be rejected.
import { readFileSync } from 'node:fs';
import bolt from '@slack/bolt';

const { verifySlackRequest } = bolt;
const vectors = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let ok = vectors.length > 0;
const verify = (v, body) => {
  try {
    verifySlackRequest({
      signingSecret: v.secret,
      body,
      headers: { 'x-slack-signature': v.signature, 'x-slack-request-timestamp': v.timestamp },
      nowMilliseconds: (v.timestamp + 1) * 1000,
    });
    return true;
  } catch { return false; }
};
for (const v of vectors) {
  const accepted = verify(v, v.body);
  const tamperedRejected = !verify(v, v.body + ' ');
  ok &&= accepted && tamperedRejected;
  console.log(`${accepted && tamperedRejected ? 'ok  ' : 'FAIL'} ${v.name}: Bolt ${accepted ? 'accepts' : 'REJECTS'} our signature; tampered body ${tamperedRejected ? 'rejected' : 'ACCEPTED'}`);
}
process.exit(ok ? 0 : 1);

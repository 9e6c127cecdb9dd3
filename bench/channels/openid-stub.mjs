// A loopback stand-in for the Bot Connector's OpenID metadata: a fresh RSA key per start,
// served as metadata + JWKS, and one long-lived RS256 token signed with it (written to a file)
// that the host's validator accepts like a real Bot Connector token.
// Usage: node openid-stub.mjs PORT APP_ID SERVICE_URL TOKEN_FILE
// Serves GET /v1/.well-known/openidconfiguration and GET /v1/keys; no dependencies.
import { createServer } from 'node:http';
import { generateKeyPairSync, createSign, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [port, appId, serviceUrl, tokenFile] = process.argv.slice(2);
if (!port || !appId || !serviceUrl || !tokenFile) {
  console.error('usage: node openid-stub.mjs PORT APP_ID SERVICE_URL TOKEN_FILE');
  process.exit(2);
}
const issuer = 'https://api.botframework.com';
const base = `http://127.0.0.1:${port}`;
const kid = `bench-${randomUUID()}`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const head = b64({ alg: 'RS256', typ: 'JWT', kid });
// Valid for a day: long enough for any benchmark run, and the validator still checks the lifetime.
const claims = b64({ iss: issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 86400 });
const signature = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(privateKey).toString('base64url');
writeFileSync(tokenFile, `${head}.${claims}.${signature}\n`);

const metadata = JSON.stringify({
  issuer,
  authorization_endpoint: `${base}/v1/authorize`,
  jwks_uri: `${base}/v1/keys`,
  id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
});
const keys = JSON.stringify({ keys: [jwk] });
createServer((req, res) => {
  const body = req.url === '/v1/.well-known/openidconfiguration' ? metadata : req.url === '/v1/keys' ? keys : null;
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(body ?? '{}');
}).listen(+port, '127.0.0.1', () => console.log(`openid stub on ${base}, kid ${kid}`));

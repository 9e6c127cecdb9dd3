// A loopback port nobody listens on, below Linux's ephemeral range (32768+) so that outgoing
// connections made meanwhile cannot take it before the host binds it.
import { createServer } from 'node:net';

const tryPort = (port) => new Promise((resolve) => {
  const server = createServer();
  server.once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

export async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await tryPort(port)) return port;
  }
  throw new Error('no free loopback port found in 20000-31999');
}

// `node free-port.mjs` prints one, for shell scripts.
if (import.meta.url === `file://${process.argv[1]}`) console.log(await freePort());

// `npm run web`: build the "DES illustrated" page and serve it on this machine only.
//
//   node scripts/web.mjs [--port 8080]      (or PORT=8080; --port 0 takes any free port)
//
// Plain node:http, files from dist/web/ only, on 127.0.0.1.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { buildWeb } from './web-build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
};

const flag = process.argv.indexOf('--port');
const port = Number(flag > 0 ? process.argv[flag + 1] : process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number from 0 to 65535, got ${flag > 0 ? process.argv[flag + 1] : process.env.PORT}`);
  process.exit(2);
}

const root = await buildWeb();

const server = createServer((request, response) => {
  let file = '';
  let ok = request.method === 'GET' || request.method === 'HEAD';
  try {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    ok &&= file.startsWith(root + sep) && statSync(file).isFile();
  } catch {
    ok = false;   // a malformed URL or a file that is not there
  }
  if (!ok) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
});

server.on('error', (error) => {
  console.error(error.code === 'EADDRINUSE' ? `port ${port} is in use: try --port 0 or another number` : error.message);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`DES illustrated: http://localhost:${server.address().port}/`);
  console.log('Ctrl-C to stop.');
});

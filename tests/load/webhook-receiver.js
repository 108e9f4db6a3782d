// A webhook receiver for tests/load/webhooks.sh: answers 201 to every POST and counts messages by
// X-Message-Id. GET /stats -> {received, unique, firstAtMs, lastAtMs}; POST /reset forgets them.
// Usage: node webhook-receiver.js PORT (0 = any free port); prints "listening URL" once ready.
'use strict';
const http = require('http');

let ids = new Set();
let received = 0;
let firstAtMs = 0;
let lastAtMs = 0;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'GET' && request.url === '/stats') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ received, unique: ids.size, firstAtMs, lastAtMs }));
      return;
    }
    if (request.method === 'POST' && request.url === '/reset') {
      ids = new Set();
      received = 0;
      firstAtMs = lastAtMs = 0;
      response.writeHead(204);
      response.end();
      return;
    }
    const now = Date.now();
    firstAtMs = firstAtMs || now;
    lastAtMs = now;
    received += 1;
    ids.add(request.headers['x-message-id'] || Buffer.concat(chunks).toString());
    response.writeHead(201);
    response.end();
  });
});

server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});

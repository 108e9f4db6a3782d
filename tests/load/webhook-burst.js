// The burst of tests/load/webhooks.sh: creates a webhook channel to the receiver, then N remotes
// on it as fast as C concurrent clients can. Prints {"created", "failed", "seconds"}.
// Usage: node webhook-burst.js API_URL TOKEN RECEIVER_URL VEHICLE_ID N C
'use strict';
const http = require('http');

const [api, token, receiver, vehicle, count, concurrency] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });

function post(path, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(api + path);
    const data = Buffer.from(JSON.stringify(body));
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': data.length, Authorization: `Bearer ${token}` },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, location: response.headers.location, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end(data);
  });
}

(async () => {
  const channel = await post('/accounts/channels', {
    type: ['Remote'], label: 'benchmark', channel: { webhook: { target: `${receiver}/hooks`, name: 'benchmark', attributes: [] } },
  });
  if (channel.status !== 202) throw new Error(`channel: ${channel.status} ${channel.body}`);
  const channelId = channel.location.split('/').pop();
  const started = process.hrtime.bigint();
  let next = 0;
  let created = 0;
  let failed = 0;
  const lock = { label: 'Lock', action: { locking: { state: 'Locked' } } };
  await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
    while (next < Number(count)) {
      next += 1;
      const answer = await post(`/accounts/vehicles/${vehicle}/channels/${channelId}/remotes`, lock);
      if (answer.status === 202) created += 1; else failed += 1;
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ created, failed, seconds: Number(seconds.toFixed(2)) }));
  agent.destroy();
})().catch((error) => { console.error(error.message); process.exit(1); });

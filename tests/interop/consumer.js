// A pact-js consumer of the Connected Car API: writes V3 and V4 pacts the way a JavaScript team would, with
// pact-js's own matchers, for the interop tests (tests/ConnectedCarMock.Pact.Tests/Interop). The good pacts
// must pass our check-spec and both verifiers; each wrong pact holds one mistake the tools must catch.
// Usage: node consumer.js OUTPUT_FOLDER
'use strict';
const path = require('path');
const { PactV3, PactV4, MatchersV3 } = require('@pact-foundation/pact');
const { like, eachLike, atMostLike, regex, integer, decimal, datetime, uuid, fromProviderState, boolean } = MatchersV3;

const out = process.argv[2] || path.join(__dirname, 'pacts');
const base = '/api/connectedcar/v1';
const vehicleId = 'e5a1c9d27b3f4a60b8d2f1e07c4a9b35';
const channelId = '4d7e2a90-1b3c-4f5e-8a6b-2c9d0e1f3a5b';
const auth = { Authorization: regex('^Bearer \\S+$', 'Bearer pactjs-token') };
const hal = { 'Content-Type': 'application/hal+json' };
const vehicle = () => ({
  vin: regex('^[A-HJ-NPR-Z0-9]{17}$', 'VR3UKZKXZMJ512345'),
  brandCode: like('AP'),
  motorization: regex('^(Electric|Hybrid|Thermic|Hydrogen)$', 'Electric'),
});
const error = (name) => ({ name: like(name), message: like('why'), debug: regex('^\\S+$', 'ERROR_1') });

// One interaction: { states: [[name, params]], description, method, path, query, body (request), status, headers, response }.
const good = [
  { states: [['the account has vehicles']], description: 'a request for the vehicles of the account', method: 'GET', path: `${base}/accounts/vehicles`, query: { pageSize: '2' },
    status: 200, headers: hal, response: { total: integer(2), _embedded: { vehicles: eachLike(vehicle()) } } },
  { states: [['a vehicle exists', { id: vehicleId }]], description: 'a request for a vehicle', method: 'GET', path: `${base}/accounts/vehicles/${vehicleId}`,
    status: 200, headers: hal, response: vehicle() },
  { states: [['a vehicle exists']], description: 'a request for the vehicle the provider state names', method: 'GET',
    path: fromProviderState(`${base}/accounts/vehicles/\${id}`, `${base}/accounts/vehicles/${vehicleId}`), status: 200, headers: hal, response: { vin: like('VR3UKZKXZMJ512345') } },
  { states: [['no vehicle has the id', { id: '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f' }]], description: 'a request for a vehicle that is not linked', method: 'GET',
    path: `${base}/accounts/vehicles/0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f`, status: 404, response: error('NOT_FOUND') },
  { states: [['the access token has expired']], description: 'a request with an expired token', method: 'GET', path: `${base}/accounts/vehicles`,
    status: 401, response: error('UNAUTHORIZED') },
  { states: [['a vehicle with recent telemetry exists', { id: vehicleId }]], description: 'a request for the latest telemetry', method: 'GET',
    path: `${base}/accounts/vehicles/${vehicleId}/telemetries/latest`, status: 200, headers: hal,
    response: { createdAt: datetime("yyyy-MM-dd'T'HH:mm:ssXXX", '2024-05-14T08:20:25Z'), vehicle: { energies: eachLike({ type: like('Electric'), level: decimal(64.5) }) } } },
  { states: [['a vehicle exists', { id: vehicleId }], ['the access token does not grant data:telemetry']], description: 'a request for telemetry without its scope', method: 'GET',
    path: `${base}/accounts/vehicles/${vehicleId}/telemetries/latest`, status: 403, response: error('MISSING_SCOPE') },
  { states: [['the access token grants channel:write']], description: 'a request to create a webhook channel', method: 'POST', path: `${base}/accounts/channels`,
    body: { type: ['Remote'], label: 'PactJs', channel: { webhook: { target: 'https://pactjs.example.com/hook', name: 'pactjs' } } },
    status: 202, headers: hal, response: { channelId: regex('^[0-9a-fA-F_-]+$', channelId), status: regex('^(Running|Paused|Failed)$', 'Running') } },
  { states: [['a channel exists', { id: channelId }]], description: 'a request to delete a channel', method: 'DELETE', path: `${base}/accounts/channels/${channelId}`, status: 204, noAuth: false },
  { states: [], description: 'a request without credentials', method: 'GET', path: `${base}/accounts/vehicles`, status: 401, noAuth: true, response: error('UNAUTHORIZED') },
];

// Each wrong pact is one mistake, named by its file; the tests know which tool must catch it and why.
const wrong = {
  'partial-regex': { states: [['a vehicle exists', { id: vehicleId }]], description: 'a vehicle whose motorization is matched by a partial regex', method: 'GET',
    path: `${base}/accounts/vehicles/${vehicleId}`, status: 200, headers: hal, response: { motorization: regex('Elec|Hyb|Ther|Hydro', 'Electric') } },
  'undocumented-field': { states: [['a vehicle exists', { id: vehicleId }]], description: 'a vehicle and its colour', method: 'GET',
    path: `${base}/accounts/vehicles/${vehicleId}`, status: 200, headers: hal, response: { vin: like('VR3UKZKXZMJ512345'), color: like('red') } },
  'wrong-type': { states: [['the account has vehicles']], description: 'the vehicles with a total in words', method: 'GET', path: `${base}/accounts/vehicles`,
    status: 200, headers: hal, response: { total: like('five') } },
  'unknown-path': { states: [], description: 'a request for the cars', method: 'GET', path: `${base}/accounts/cars`, status: 200, headers: hal, response: { total: integer(1) } },
  'misnamed-state-parameter': { states: [['a vehicle exists', { vehicleId }]], description: 'a vehicle named by a misnamed state parameter', method: 'GET',
    path: `${base}/accounts/vehicles/${vehicleId}`, status: 200, headers: hal, response: { vin: like('VR3UKZKXZMJ512345') } },
  'at-most-one-vehicle': { states: [['the account has vehicles']], description: 'the vehicles, at most one', method: 'GET', path: `${base}/accounts/vehicles`,
    status: 200, headers: hal, response: { _embedded: { vehicles: atMostLike(vehicle(), 1) } } },
  'undocumented-status': { states: [['the access token grants channel:write']], description: 'a channel creation answered 201', method: 'POST', path: `${base}/accounts/channels`,
    body: { type: ['Remote'], label: 'PactJs', channel: { webhook: { target: 'https://pactjs.example.com/hook', name: 'pactjs' } } },
    status: 201, headers: hal, response: { channelId: like(channelId), active: boolean(true) } },
};

async function call(url, step) {
  const headers = step.noAuth ? {} : { Authorization: 'Bearer pactjs-token' };
  if (step.body) headers['Content-Type'] = 'application/json';
  const query = step.query ? '?' + new URLSearchParams(step.query) : '';
  const target = typeof step.path === 'string' ? step.path : step.path.value;
  await fetch(url + target + query, { method: step.method, headers, body: step.body ? JSON.stringify(step.body) : undefined });
}

async function v3(consumer, steps, dir) {
  for (const step of steps) {
    const pact = new PactV3({ consumer, provider: 'ConnectedCarApi', dir, logLevel: 'error' });
    step.states.forEach(([name, params]) => pact.given(name, params));
    pact.uponReceiving(step.description).withRequest({
      method: step.method, path: step.path, query: step.query, headers: step.noAuth ? undefined : { ...auth, ...(step.body ? { 'Content-Type': 'application/json' } : {}) }, body: step.body,
    }).willRespondWith({ status: step.status, headers: step.headers || (step.response ? { 'Content-Type': 'application/json' } : undefined), body: step.response });
    await pact.executeTest((server) => call(server.url, step));
  }
}

async function v4(consumer, steps, dir) {
  const pact = new PactV4({ consumer, provider: 'ConnectedCarApi', dir, logLevel: 'error' });
  for (const step of steps) {
    let interaction = pact.addInteraction();
    step.states.forEach(([name, params]) => { interaction = interaction.given(name, params); });
    await interaction.uponReceiving(step.description)
      .withRequest(step.method, step.path, (request) => {
        if (!step.noAuth) request.headers({ ...auth, ...(step.body ? { 'Content-Type': 'application/json' } : {}) });
        if (step.query) request.query(step.query);
        if (step.body) request.jsonBody(step.body);
      })
      .willRespondWith(step.status, (response) => {
        if (step.response) response.headers(step.headers || { 'Content-Type': 'application/json' }).jsonBody(step.response);
      })
      .executeTest((server) => call(server.url, step));
  }
}

(async () => {
  await v3('PactJsAppV3', good, path.join(out, 'good'));
  await v4('PactJsAppV4', good, path.join(out, 'good'));
  for (const [name, step] of Object.entries(wrong)) {
    await v3(`PactJsV3-${name}`, [step], path.join(out, 'wrong'));
    await v4(`PactJsV4-${name}`, [step], path.join(out, 'wrong'));
  }
})().catch((e) => { console.error(e); process.exit(1); });

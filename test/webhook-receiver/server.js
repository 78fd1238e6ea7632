// A webhook receiver for Headwater's tests. Every request's signature is verified with the official Standard Webhooks
// library (not Headwater's code); verified deliveries are recorded, and it answers as it is told: fail, time out,
// 429 with Retry-After, 5xx for a while, 410. Deduplicates by webhook-id, as receivers are asked to.
//
//   node server.js --port 0 --secret whsec_...     prints WEBHOOK_URL=http://127.0.0.1:<port>/hooks
//
// Test API (JSON):
//   POST /_test/faults  [{ "status": 503, "retryAfter": 2, "times": 3 }, { "hang": true, "times": 1 }, { "status": 410 }]
//                       answers taken in order, each for `times` requests (default 1); then 200 again
//   POST /_test/secret  { "secret": "whsec_..." }   verify with another secret from now on
//   POST /_test/reset   forget everything recorded and every fault
//   GET  /_test/deliveries  { attempts: [{ id, type, status, verified }], accepted: [{ id, type, timestamp, body }],
//                             duplicates: [id...], rejected: n }
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

let secret = option('--secret', process.env.WEBHOOK_SECRET ?? '');
let faults = [];
let state = fresh();
const hanging = new Set();

function fresh() {
  return { attempts: [], accepted: [], acceptedIds: new Set(), duplicates: [], rejected: 0 };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(value === undefined ? '' : JSON.stringify(value));
}

function nextFault() {
  while (faults.length > 0) {
    const fault = faults[0];
    if ((fault.times ?? 1) <= 0) {
      faults.shift();
      continue;
    }
    fault.times = (fault.times ?? 1) - 1;
    return fault;
  }
  return null;
}

async function receive(req, res) {
  const body = await readBody(req);
  const id = req.headers['webhook-id'];
  let verified = false;
  let payload = null;
  try {
    // Throws unless a v1 signature of "id.timestamp.body" made with the secret is among those sent, and the
    // timestamp is within five minutes.
    payload = new Webhook(secret).verify(body, req.headers);
    verified = true;
  } catch (e) {
    state.rejected++;
    state.attempts.push({ id, type: null, status: 400, verified: false, error: String(e.message ?? e) });
    return json(res, 400, { error: 'signature not verified' });
  }
  const fault = nextFault();
  if (fault?.hang) {
    state.attempts.push({ id, type: payload.type, status: null, verified, hung: true, at: Date.now() });
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return; // never answered
  }
  if (fault?.status) {
    state.attempts.push({ id, type: payload.type, status: fault.status, verified, at: Date.now() });
    const headers = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
    return json(res, fault.status, { error: 'told to fail' }, headers);
  }
  state.attempts.push({ id, type: payload.type, status: 200, verified, at: Date.now() });
  if (state.acceptedIds.has(id)) {
    state.duplicates.push(id); // already processed: a receiver deduplicates by webhook-id
  } else {
    state.acceptedIds.add(id);
    state.accepted.push({ id, type: payload.type, timestamp: req.headers['webhook-timestamp'], body: payload });
  }
  return json(res, 200, { ok: true });
}

async function admin(req, res, path) {
  if (req.method === 'GET' && path === '/_test/deliveries') {
    const { attempts, accepted, duplicates, rejected } = state;
    return json(res, 200, { attempts, accepted, duplicates, rejected });
  }
  const text = await readBody(req);
  const value = text ? JSON.parse(text) : null;
  if (path === '/_test/faults') {
    faults = Array.isArray(value) ? value : [];
  } else if (path === '/_test/secret') {
    secret = value.secret;
  } else if (path === '/_test/reset') {
    state = fresh();
    faults = [];
    for (const res of hanging) {
      res.destroy();
    }
  } else {
    return json(res, 404, { error: 'unknown' });
  }
  return json(res, 204);
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  const handle = path.startsWith('/_test/') ? admin(req, res, path)
    : req.method === 'POST' ? receive(req, res) : Promise.resolve(json(res, 405, { error: 'POST only' }));
  handle.catch((e) => json(res, 500, { error: String(e.message ?? e) }));
});

server.listen(Number(option('--port', '0')), '127.0.0.1', () => {
  console.log(`WEBHOOK_URL=http://127.0.0.1:${server.address().port}/hooks`);
});

// Starts a real Loupe server (`loupe serve --port 0`) on a fresh data folder and reads its address and its
// first access key from the banner it prints; plus the Search Job API and Metrics Query API calls the tests need.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START_TIMEOUT_MS = 180_000;

export async function startLoupe() {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'loupe-npm-'));
  const child = spawn(path.join(REPOSITORY, 'loupe'), ['serve', '--host', '127.0.0.1', '--port', '0',
    '--data', dataDirectory], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL')); // never leave a server behind, whatever happens
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const banner = {};
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('loupe serve printed no access key within '
      + START_TIMEOUT_MS / 1000 + ' s; stderr:\n' + stderr.join(''))), START_TIMEOUT_MS);
    child.on('exit', (code) => reject(new Error('loupe serve exited with ' + code + ':\n' + stderr.join(''))));
    lines.on('line', (line) => {
      const match = /^\s*(API|HTTP Source URL|Access id|Access key):\s+(\S+)/.exec(line);
      if (match) {
        banner[match[1]] = match[2];
      }
      if (banner['Access key']) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  lines.on('line', () => {});
  const baseUrl = banner.API.replace(/\/api\/v1$/, '');
  return {
    baseUrl,
    sourceUrl: banner['HTTP Source URL'],
    authorization: 'Basic ' + Buffer.from(banner['Access id'] + ':' + banner['Access key']).toString('base64'),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

async function call(loupe, method, apiPath, body) {
  const response = await fetch(loupe.baseUrl + apiPath, {
    method,
    headers: { Authorization: loupe.authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(method + ' ' + apiPath + ' answered ' + response.status + ': ' + text);
  }
  return JSON.parse(text);
}

const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

// Runs a search job to the end and returns its status and first page of messages.
export async function search(loupe, request) {
  const created = await call(loupe, 'POST', '/api/v1/search/jobs', request);
  const deadline = Date.now() + 20_000;
  let status;
  do {
    if (Date.now() > deadline) {
      throw new Error('search job ' + created.id + ' did not finish: ' + JSON.stringify(status));
    }
    await sleep(100);
    status = await call(loupe, 'GET', '/api/v1/search/jobs/' + created.id);
  } while (status.state !== 'DONE GATHERING RESULTS');
  const page = await call(loupe, 'GET', '/api/v1/search/jobs/' + created.id + '/messages?offset=0&limit=100');
  await call(loupe, 'DELETE', '/api/v1/search/jobs/' + created.id);
  return { status, messages: page.messages.map((message) => message.map) };
}

// Runs a search again until it finds at least `count` messages (bounded to 20 s): a safety margin only, since
// Loupe makes a message searchable before it answers the 200 that resolves sumo-logger's promise.
export async function searchUntil(loupe, request, count) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const result = await search(loupe, request);
    if (result.messages.length >= count || Date.now() > deadline) {
      return result;
    }
    await sleep(200);
  }
}

/**
 * Runs a metrics query until its row has at least {@code count} series or 20 s passed (sumo-logger resolves
 * log() without waiting for Loupe's answer, so the point may land a moment after it).
 */
export async function metricsQueryUntil(loupe, query, count) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const result = await metricsQuery(loupe, query);
    if (result.queryResult[0].timeSeriesList.timeSeries.length >= count || Date.now() > deadline) {
      return result;
    }
    await sleep(200);
  }
}

export async function metricsQuery(loupe, query) {
  return call(loupe, 'POST', '/api/v1/metricsQueries', {
    queries: [{ rowId: 'A', query, quantization: 60000, rollup: 'Avg' }],
    timeRange: { type: 'BeginBoundedTimeRange', from: { type: 'RelativeTimeRangeBoundary', relativeTime: '-15m' },
      to: null },
  });
}

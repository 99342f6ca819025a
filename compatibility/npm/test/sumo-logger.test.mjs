// sumo-logger 2.8.1, Sumo Logic's JavaScript SDK, against a real Loupe server (apis-and-clients.md §5.1 I3–I5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import SumoLogger from 'sumo-logger';
import { metricsQueryUntil, search, searchUntil, startLoupe } from './loupe-server.mjs';

let loupe;

before(async () => {
  loupe = await startLoupe();
});

after(async () => {
  await loupe?.stop();
});

test('JSON logs arrive with their timestamp as _messagetime and AutoParse finds their fields', async () => {
  const logger = new SumoLogger({ endpoint: loupe.sourceUrl, sourceCategory: 'test/npm', sourceName: 'sumo-logger',
    hostName: 'node-test' });
  const fixed = new Date(Date.now() - 60_000);
  fixed.setMilliseconds(250);
  await logger.log('plain message from node', { timestamp: fixed });
  await logger.log({ event: 'login', user: 'ann' });

  const window = { from: Date.now() - 3_600_000, to: Date.now() + 60_000, timeZone: 'UTC' };
  const all = await searchUntil(loupe, { query: '_sourceCategory=test/npm', ...window }, 2);
  assert.equal(all.status.messageCount, 2);
  const plain = all.messages.find((message) => message._raw.includes('plain message from node'));
  assert.ok(plain, 'the plain message was found');
  assert.equal(plain._messagetime, String(fixed.getTime()));
  assert.equal(plain._sourcename, 'sumo-logger');
  assert.equal(plain._sourcehost, 'node-test');
  assert.deepEqual(JSON.parse(plain._raw).msg, 'plain message from node');

  const parsed = await search(loupe, { query: '_sourceCategory=test/npm event=login', ...window,
    autoParsingMode: 'AutoParse' });
  assert.equal(parsed.messages.length, 1);
  assert.equal(JSON.parse(parsed.messages[0]._raw).user, 'ann');
  assert.equal(parsed.messages[0].event, 'login');

  const manual = await search(loupe, { query: '_sourceCategory=test/npm event=login', ...window,
    autoParsingMode: 'Manual' });
  assert.equal(manual.messages.length, 0);
});

test('graphite:true metrics arrive with the path as metric', async () => {
  const logger = new SumoLogger({ endpoint: loupe.sourceUrl, graphite: true, sourceCategory: 'test/npm-metrics' });
  await logger.log({ path: 'prod.lb-1.cpu', value: 87.2 });
  const result = await metricsQueryUntil(loupe, 'metric=prod.lb-1.cpu', 1);
  const series = result.queryResult[0].timeSeriesList.timeSeries;
  assert.equal(series.length, 1);
  assert.deepEqual(series[0].points.values, [87.2]);
});

test('carbon2:true metrics arrive with intrinsic tags as dimensions', async () => {
  const logger = new SumoLogger({ endpoint: loupe.sourceUrl, carbon2: true, sourceCategory: 'test/npm-metrics' });
  await logger.log({ intrinsic_tags: 'metric=cpu node=lb-1', meta_tags: 'team=infra', value: 42 });
  const result = await metricsQueryUntil(loupe, 'metric=cpu node=lb-1', 1);
  const series = result.queryResult[0].timeSeriesList.timeSeries;
  assert.equal(series.length, 1);
  assert.equal(series[0].metricDefinition.metric, 'cpu');
  assert.equal(series[0].metricDefinition.dimensions.node, 'lb-1');
  assert.deepEqual(series[0].points.values, [42]);
});

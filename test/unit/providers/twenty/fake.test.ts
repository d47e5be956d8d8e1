import assert from 'node:assert/strict';
import { capture, captured, type FakeOptions, startTwentyFake, type TwentyFake } from '../../../fakes/twenty';

type Json = Record<string, any>;

/** The fake's own fidelity to the real captures and the notes, independent of the client. */
describe('Twenty fake', function () {
  let fake: TwentyFake;
  const started: TwentyFake[] = [];

  async function start(options: FakeOptions = {}): Promise<TwentyFake> {
    const instance = await startTwentyFake({ ratePerSecond: 10_000, ...options });
    started.push(instance);
    return instance;
  }

  before(async () => {
    fake = await start({ customFields: false, deals: 50 });
  });
  after(async () => {
    await Promise.all(started.map((f) => f.close()));
  });

  async function call(
    target: TwentyFake,
    method: string,
    path: string,
    options: { query?: Record<string, string>; body?: unknown; rawBody?: string; key?: string | null } = {},
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const headers: Record<string, string> = {};
    if (options.key !== null) headers['authorization'] = `Bearer ${options.key ?? target.apiKey}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${target.url}${path}${query}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
  }

  /** The fake answers a captured request with the captured status and body. */
  async function sameAsCaptured(name: string, target = fake): Promise<void> {
    const exchange = capture(name);
    const got = await call(target, exchange.request.method, exchange.request.path, {
      query: exchange.request.query,
      body: exchange.request.body ?? undefined,
    });
    assert.equal(got.status, exchange.status, name);
    assert.deepEqual(got.body, exchange.body, name);
  }

  it('auth: no header 403, a wrong JWT 401 "Token invalid.", garbage 401 "No payload" (captured bodies)', async () => {
    const none = await call(fake, 'GET', '/rest/opportunities', { query: { limit: '3' }, key: null });
    assert.deepEqual([none.status, none.body], [403, captured('auth-no-header')]);
    const wrong = await call(fake, 'GET', '/rest/opportunities', { key: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' });
    assert.deepEqual([wrong.status, wrong.body], [401, captured('auth-wrong-token')]);
    const garbage = await call(fake, 'GET', '/rest/opportunities', { key: 'not-a-jwt' });
    assert.deepEqual([garbage.status, garbage.body], [401, captured('auth-garbage-token')]);
  });

  it('serves opportunities with the captured keys in the captured order, micros as strings, cursors base64 of {"id"}', async () => {
    const { body } = await call(fake, 'GET', '/rest/opportunities', { query: { limit: '3' } });
    const real = captured<Json>('list-opportunities-limit3');
    assert.deepEqual(Object.keys(body), Object.keys(real));
    assert.deepEqual(Object.keys(body['pageInfo']), Object.keys(real['pageInfo']));
    assert.deepEqual(Object.keys(body['data']['opportunities'][0]), Object.keys(real['data']['opportunities'][0]));
    assert.equal(typeof body['data']['opportunities'][0].amount.amountMicros, 'string');
    assert.equal(body['totalCount'], 50);
    assert.deepEqual(JSON.parse(Buffer.from(body['pageInfo'].endCursor, 'base64').toString()), { id: body['data']['opportunities'][2].id });
    const ordered = await call(fake, 'GET', '/rest/opportunities', { query: { limit: '3', order_by: 'position[AscNullsFirst]' } });
    assert.deepEqual(Object.keys(JSON.parse(Buffer.from(ordered.body['pageInfo'].endCursor, 'base64').toString())), ['position', 'id']);
  });

  it('depth 1 embeds relations and lists as captured; depth 2 times out; depth 3 is refused (captured words)', async () => {
    const { body } = await call(fake, 'GET', '/rest/opportunities/50505050-0001-4e7c-8001-123456789abc', { query: { depth: '1' } });
    const real = captured<Json>('get-opportunity-depth1', 'data', 'opportunity');
    assert.deepEqual(Object.keys(body['data'].opportunity).sort(), Object.keys(real).sort());
    await sameAsCaptured('list-opportunities-depth2');
    await sameAsCaptured('list-opportunities-depth3');
    await sameAsCaptured('list-opportunities-depth-abc');
  });

  it('answers the captured mistakes with the captured words', async () => {
    for (const name of [
      'list-opportunities-bad-filter', 'list-opportunities-filter-unknown-stage', 'list-opportunities-filter-unknown-field',
      'list-opportunities-filter-bad-comparator', 'list-opportunities-filter-endswith', 'list-opportunities-filter-in-not-array',
      'list-opportunities-filter-not-two', 'list-opportunities-limit-not-integer', 'list-opportunities-limit-negative',
      'list-opportunities-starting-after-garbage', 'list-opportunities-starting-after-raw-uuid', 'list-opportunities-order-bad-direction',
      'list-opportunities-order-unknown-field', 'list-opportunity-singular-path', 'list-unknown-object', 'get-opportunity-not-a-uuid',
      'get-opportunity-not-found', 'list-tasktargets-filter-targetOpportunityId', 'patch-opportunity-unknown-field',
      'patch-opportunity-amount-null', 'patch-opportunity-name-null', 'patch-task-bad-status', 'create-task-unknown-field',
      'metadata-objects-starting-after-uuid',
    ]) {
      await sameAsCaptured(name);
    }
  });

  it('filters by stage[eq], in, or(), is NULL, a composite sub-field and quoted ilike, with the stage\'s options checked', async () => {
    const count = async (filter: string) => (await call(fake, 'GET', '/rest/opportunities', { query: { filter, limit: '0' } })).body['totalCount'];
    const ops = fake.state.opportunities;
    assert.equal(await count('stage[eq]:PROPOSAL'), ops.filter((o) => o.stage === 'PROPOSAL').length);
    assert.equal(await count('stage[in]:[NEW,MEETING]'), ops.filter((o) => o.stage === 'NEW' || o.stage === 'MEETING').length);
    assert.equal(await count('or(stage[eq]:NEW,stage[eq]:MEETING)'), await count('stage[in]:[NEW,MEETING]'));
    assert.equal(await count('closeDate[is]:NULL'), ops.filter((o) => o.closeDate === null).length);
    assert.equal(await count('amount.amountMicros[gte]:1000000000000'), ops.filter((o) => o.amount.amountMicros !== null && BigInt(o.amount.amountMicros) >= 1_000_000_000_000n).length);
    assert.equal(await count('name[ilike]:"%ipad%"'), ops.filter((o) => /ipad/i.test(o.name ?? '')).length);
    assert.equal(await count('stage[eq]:"PROPOSAL"'), await count('stage[eq]:PROPOSAL'));
  });

  it('pages with starting_after; totalCount counts only what follows the cursor; limit 0 returns all; the clamp is a knob', async () => {
    const first = await call(fake, 'GET', '/rest/opportunities', { query: { limit: '3' } });
    const next = await call(fake, 'GET', '/rest/opportunities', { query: { limit: '3', starting_after: first.body['pageInfo'].endCursor } });
    assert.equal(next.body['totalCount'], 47);
    assert.deepEqual(next.body['data'].opportunities.map((o: Json) => o.id), fake.state.opportunities.slice(3, 6).map((o) => o.id));
    assert.equal((await call(fake, 'GET', '/rest/opportunities', { query: { limit: '0' } })).body['data'].opportunities.length, 50);
    assert.equal((await call(fake, 'GET', '/rest/opportunities')).body['data'].opportunities.length, 50, 'default 60');
    const clamped = await start({ deals: 250, maxLimit: 200 });
    assert.equal((await call(clamped, 'GET', '/rest/opportunities', { query: { limit: '1000' } })).body['data'].opportunities.length, 200);
  });

  it('PATCH: partial CURRENCY merges, null micros clear, createdAt is writable, bad JSON is Nest\'s singular message (captured)', async () => {
    const target = await start({ customFields: false });
    const id = target.state.opportunities[2]!.id;
    const partial = await call(target, 'PATCH', `/rest/opportunities/${id}`, { body: { amount: { currencyCode: 'EUR' } } });
    assert.deepEqual(partial.body['data'].updateOpportunity.amount, { amountMicros: target.state.opportunities[2]!.amount.amountMicros, currencyCode: 'EUR' });
    const cleared = await call(target, 'PATCH', `/rest/opportunities/${id}`, { body: { amount: { amountMicros: null, currencyCode: 'USD' } } });
    assert.deepEqual(cleared.body['data'].updateOpportunity.amount, { amountMicros: null, currencyCode: 'USD' });
    const created = await call(target, 'PATCH', `/rest/opportunities/${id}`, { body: { createdAt: '2020-01-01T00:00:00.000Z' } });
    assert.equal(created.body['data'].updateOpportunity.createdAt, '2020-01-01T00:00:00.000Z');
    const bad = await call(target, 'PATCH', `/rest/opportunities/${id}`, { rawBody: '{"stage":' });
    assert.deepEqual([bad.status, bad.body], [400, captured('patch-opportunity-bad-json')]);
    const stage = await call(target, 'PATCH', `/rest/opportunities/${id}`, { body: { stage: 'WON' } });
    assert.deepEqual(stage.body, captured('patch-opportunity-invalid-stage'));
    const missing = await call(target, 'PATCH', '/rest/opportunities/b9b63d73-e246-439d-99a2-26c95806334b', { body: { stage: 'MEETING' } });
    assert.deepEqual(missing.body, captured('patch-opportunity-not-found'));
  });

  it('custom fields as top-level keys after the standard ones; a bad SELECT value in Postgres\' words (captured)', async () => {
    const target = await start();
    const { body } = await call(target, 'GET', '/rest/opportunities', { query: { limit: '2' } });
    const keys = Object.keys(body['data'].opportunities[0]);
    const real = Object.keys(captured<Json>('custom-list-opportunities-limit2', 'data', 'opportunities', 0));
    assert.deepEqual(keys.slice(0, real.length), real, 'the captured keys, the three captured custom fields last');
    assert.deepEqual(keys.slice(real.length - 3, real.length), ['contractType', 'dealScore', 'website']);
    const bad = await call(target, 'PATCH', `/rest/opportunities/${target.state.opportunities[1]!.id}`, { body: { contractType: 'WEEKLY' } });
    assert.deepEqual(bad.body, captured('custom-patch-opportunity-bad-select'));
    const links = await call(target, 'PATCH', `/rest/opportunities/${target.state.opportunities[1]!.id}`, { body: { website: { primaryLinkUrl: 'https://deal.example.com' } } });
    assert.deepEqual(links.body['data'].updateOpportunity.website, captured<Json>('custom-patch-opportunity', 'data', 'updateOpportunity').website);
  });

  it('tasks and taskTargets as captured: 201 on create, opportunityId links, depth 1 embeds the task', async () => {
    const target = await start({ customFields: false });
    const task = await call(target, 'POST', '/rest/tasks', { body: capture('create-task').request.body });
    assert.equal(task.status, 201);
    assert.deepEqual(Object.keys(task.body['data'].createTask).sort(), Object.keys(captured<Json>('create-task', 'data', 'createTask')).sort());
    assert.equal(task.body['data'].createTask.bodyV2.markdown, 'Include 3-year pricing.');
    const dealId = target.state.opportunities[0]!.id;
    const link = await call(target, 'POST', '/rest/taskTargets', { body: { taskId: task.body['data'].createTask.id, opportunityId: dealId } });
    assert.equal(link.status, 201);
    assert.deepEqual(Object.keys(link.body['data'].createTaskTarget).sort(), Object.keys(captured<Json>('create-tasktarget', 'data', 'createTaskTarget')).sort());
    const listed = await call(target, 'GET', '/rest/taskTargets', { query: { filter: `opportunityId[eq]:${dealId}`, depth: '1' } });
    const real = captured<Json>('list-tasktargets-filter-opportunityId', 'data', 'taskTargets', 0);
    assert.deepEqual(Object.keys(listed.body['data'].taskTargets[0]).sort(), Object.keys(real).sort());
    assert.ok(listed.body['data'].taskTargets.some((t: Json) => t.task?.id === task.body['data'].createTask.id));
    const bad = await call(target, 'POST', '/rest/taskTargets', { body: { taskId: 'ebe0b842-ce0c-490a-9165-61c142753522', opportunityId: dealId } });
    assert.equal(bad.status, 400);
    assert.match(bad.body['messages'][0], /violates foreign key constraint/);
  });

  it('the newest flavor: targetOpportunityId links, 404 NotFoundException, numbers for micros, ownerId, depth 0|1 only', async () => {
    const target = await start({ flavor: 'newest' });
    const dealId = target.state.opportunities[0]!.id;
    const targets = await call(target, 'GET', '/rest/taskTargets', { query: { filter: `targetOpportunityId[eq]:${dealId}`, depth: '1' } });
    assert.equal(targets.status, 200);
    assert.ok(targets.body['data'].taskTargets.length > 0);
    assert.ok(!('opportunity' in targets.body['data'].taskTargets[0]), 'morph targets are not embedded');
    const old = await call(target, 'GET', '/rest/taskTargets', { query: { filter: `opportunityId[eq]:${dealId}` } });
    assert.equal(old.status, 400);
    const missing = await call(target, 'GET', '/rest/opportunities/b5302ee9-4f7d-428e-9962-94eda3364af9');
    assert.deepEqual([missing.status, missing.body], [404, { statusCode: 404, error: 'NotFoundException', messages: ['Record not found'] }]);
    const record = (await call(target, 'GET', `/rest/opportunities/${dealId}`)).body['data'].opportunity;
    assert.equal(typeof record.amount.amountMicros, 'number');
    assert.ok('ownerId' in record && 'updatedBy' in record);
    assert.equal((await call(target, 'GET', '/rest/opportunities', { query: { depth: '2' } })).body['messages'][0], "'depth=2' parameter invalid. Allowed values are 0, 1");
  });

  it('metadata: legacy {data: {objects}} without totalCount and Relay cursors, or new {data: [...]} with totalCount; a 403 knob', async () => {
    const legacy = await call(fake, 'GET', '/rest/metadata/objects');
    assert.deepEqual(Object.keys(legacy.body).sort(), ['data', 'pageInfo']);
    const opportunity = legacy.body['data'].objects.find((o: Json) => o.nameSingular === 'opportunity');
    const real = captured<Json[]>('metadata-objects', 'data', 'objects').find((o) => o['nameSingular'] === 'opportunity')!;
    assert.deepEqual(Object.keys(opportunity), Object.keys(real));
    const page = await call(fake, 'GET', '/rest/metadata/objects', { query: { limit: '2' } });
    assert.equal(page.body['pageInfo'].endCursor, captured<Json>('metadata-objects-limit2', 'pageInfo').endCursor);
    const next = await call(fake, 'GET', '/rest/metadata/objects', { query: { limit: '2', starting_after: page.body['pageInfo'].endCursor } });
    assert.deepEqual(next.body['pageInfo'], captured<Json>('metadata-objects-limit2-starting-after', 'pageInfo'));
    const newest = await start({ metadataFormat: 'new' });
    const list = await call(newest, 'GET', '/rest/metadata/objects');
    assert.ok(Array.isArray(list.body['data']));
    assert.equal(list.body['totalCount'], list.body['data'].length);
    const field = list.body['data'].find((o: Json) => o.nameSingular === 'opportunity').fields[0];
    assert.ok(!('isCustom' in field) && 'objectMetadataId' in field && 'universalIdentifier' in field);
    const forbidden = await start({ metadataForbidden: true });
    const denied = await call(forbidden, 'GET', '/rest/metadata/objects');
    assert.equal(denied.status, 403);
    assert.equal((await call(forbidden, 'GET', '/rest/opportunities')).status, 200, 'records stay readable');
  });
});

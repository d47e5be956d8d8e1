import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { EMPTY_STAGE_ID, FIXTURE_IDS, type SpottFake, startSpottFake } from '../../../fakes/spott';

type Json = Record<string, any>;

/** The fake's own fidelity to the notes and the seed, independent of the client. */
describe('Spott fake', function () {
  let fake: SpottFake;

  beforeEach(async () => {
    fake = await startSpottFake({ ratePerSecond: 1000, rateWindowMs: 1000, deals: 130, seed: 7 });
  });
  afterEach(async () => {
    await fake.close();
  });

  async function call(method: string, path: string, body?: unknown, key = fake.apiKey): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
  }
  const get = (path: string, key?: string) => call('GET', path, undefined, key);

  it('checks x-api-key and answers 401 with the {status, message, requestId} body', async () => {
    const refused = await get('/opportunities', 'nope');
    assert.equal(refused.status, 401);
    assert.equal(refused.body['status'], 401);
    assert.match(refused.body['message'], /API key/);
    assert.match(refused.body['requestId'], /^req_/);
    const res = await fetch(`${fake.url}/opportunities`);
    assert.equal(res.status, 401);
    assert.equal((await get('/opportunities')).status, 200);
  });

  it('pages by cursor, oldest change first: default 25, at most 50, 51 refused', async () => {
    assert.equal((await get('/opportunities')).body['items'].length, 25);
    const tooMany = await get('/opportunities?limit=51');
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body['message'], /^limit: /);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = (await get(`/opportunities?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      ids.push(...page['items'].map((o: Json) => o['id']));
      cursor = page['pageInfo'].hasNextPage ? page['pageInfo'].nextCursor : null;
      if (!page['pageInfo'].hasNextPage) assert.equal(page['pageInfo'].nextCursor, null);
    } while (cursor);
    const expected = [...fake.state.opportunities].sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.id.localeCompare(b.id)).map((o) => o.id);
    assert.deepEqual(ids, expected);
    assert.deepEqual(ids.slice(0, 2), [FIXTURE_IDS.northwind, FIXTURE_IDS.initech]);
    assert.equal((await get('/opportunities?cursor=not-a-cursor')).status, 400);
  });

  it('sends the seed envelope `pagination {cursor, hasMore}` when asked', async () => {
    fake.config.envelope = 'pagination';
    const first = (await get('/opportunities?limit=50')).body;
    assert.equal(first['pageInfo'], undefined);
    assert.equal(first['pagination'].hasMore, true);
    const next = (await get(`/opportunities?limit=50&cursor=${encodeURIComponent(first['pagination'].cursor)}`)).body;
    assert.notEqual(next['items'][0].id, first['items'][0].id);
  });

  it('an opportunity changed while a client pages comes back again at the end', async () => {
    const first = (await get('/opportunities?limit=50')).body;
    const changed = first['items'][3].id as string;
    assert.equal((await call('PATCH', `/opportunities/${changed}`, { name: 'Renamed mid-pass' })).status, 200);
    const rest: string[] = [];
    let cursor: string | null = first['pageInfo'].nextCursor;
    while (cursor) {
      const page: Json = (await get(`/opportunities?limit=50&cursor=${encodeURIComponent(cursor)}`)).body;
      rest.push(...page['items'].map((o: Json) => o['id']));
      cursor = page['pageInfo'].nextCursor;
    }
    assert.equal(rest.at(-1), changed);
  });

  it('wraps every field with viewType, or without it when the knob says so; customAttributes on GET one only', async () => {
    const listed = (await get('/opportunities?limit=2')).body['items'][0];
    assert.deepEqual(listed.name, { viewType: 'opportunityName', name: 'Northwind - Finance hiring 2026' });
    assert.deepEqual(listed.stage, { viewType: 'opportunityStage', stage: { id: 'stg_proposal', name: 'Proposal sent', order: 3, isOpen: true } });
    assert.deepEqual(listed.closeDate, { viewType: 'opportunityCloseDate', closeDate: { target: '2026-07-15T00:00:00.000Z' } });
    assert.equal(listed.customAttributes, undefined);
    assert.equal(listed.nextTaskDue.nextTaskDue.id, 'tsk_901');
    fake.config.viewType = false;
    const one = (await get(`/opportunities/${FIXTURE_IDS.northwind}`)).body;
    assert.deepEqual(one['name'], { name: 'Northwind - Finance hiring 2026' });
    assert.deepEqual(one['owner'].owner.id, 'usr_A11');
    assert.deepEqual(one['customAttributes'].map((a: Json) => [a['attributeDefinitionId'], a['value']]), [
      ['attr_fee_pct', { viewType: 'customText', text: '22' }],
      ['attr_source', { viewType: 'customText', text: 'LinkedIn outreach' }],
    ]);
    const initech = (await get(`/opportunities/${FIXTURE_IDS.initech}`)).body;
    assert.deepEqual(initech['owner'], { owner: null });
    assert.deepEqual(initech['stage'].stage, { id: 'stg_won', name: 'Won', order: 5, isOpen: false });
  });

  it('keeps one stage that no opportunity is in, which only PATCH can reach', async () => {
    assert.ok(fake.state.stages.some((s) => s.id === EMPTY_STAGE_ID));
    assert.ok(!fake.state.opportunities.some((o) => o.stageId === EMPTY_STAGE_ID));
    const res = await call('PATCH', `/opportunities/${FIXTURE_IDS.initech}`, { stageId: EMPTY_STAGE_ID });
    assert.equal(res.status, 200);
    assert.equal(fake.state.opportunities.find((o) => o.id === FIXTURE_IDS.initech)!.stageId, EMPTY_STAGE_ID);
  });

  it('PATCH validates as documented: the key first in the message, unknown keys refused, nothing applied on error', async () => {
    const before = JSON.stringify(fake.state.opportunities);
    const bad = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { stageId: 'stg_nope', name: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body['message'], 'stageId: Invalid stage for this pipeline');
    const extra = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { customAttributes: [] });
    assert.match(extra.body['message'], /Unrecognized key/);
    const close = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { closeDate: { target: '2026-08-01' } });
    assert.equal(close.body['message'], 'closeDate.target: Invalid datetime');
    assert.equal(JSON.stringify(fake.state.opportunities), before);
    assert.equal((await call('PATCH', '/opportunities/opp_missing', { name: 'x' })).status, 404);
  });

  it('answers a PATCH with the documented status object, the opportunity, or nothing, by knob', async () => {
    const status = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { description: null });
    assert.deepEqual(Object.keys(status.body).sort(), ['message', 'requestId', 'status']);
    fake.config.patchResponse = 'opportunity';
    const echoed = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { ownerId: null, closeDate: null });
    assert.deepEqual(echoed.body['owner'], { viewType: 'opportunityOwner', owner: null });
    fake.config.patchResponse = 'empty';
    const empty = await call('PATCH', `/opportunities/${FIXTURE_IDS.northwind}`, { name: 'Quiet' });
    assert.equal(empty.status, 204);
  });

  it('lists tasks with links, and creates one through POST /tasks/_raw (201, source, named opportunity link)', async () => {
    const tasks = (await get('/tasks?limit=50')).body;
    assert.ok(tasks['pageInfo']);
    const fixture = tasks['items'].find((t: Json) => t['id'] === 'tsk_901');
    assert.deepEqual(fixture.links.opportunities, [{ id: FIXTURE_IDS.northwind }]);
    const created = await call('POST', '/tasks/_raw', {
      content: 'Prepare fee proposal', dueDate: '2026-06-01T09:30:00.000Z',
      links: [{ taskLinkId: null, entityType: 'opportunity', entityId: FIXTURE_IDS.northwind }],
    });
    assert.equal(created.status, 201);
    assert.equal(created.body['source'], 'MANUAL');
    assert.deepEqual(created.body['links'].opportunities, [{ id: FIXTURE_IDS.northwind, name: 'Northwind - Finance hiring 2026' }]);
    const invalid = await call('POST', '/tasks/_raw', { content: '', links: [{ taskLinkId: null, entityType: 'opportunity', entityId: 'opp_none' }] });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body['message'], /content: .*; links\.0\.entityId: Opportunity not found/);
  });

  it('enforces the rate over its window: 429 with Retry-After (or none, by knob); refused requests do not count', async () => {
    await fake.close();
    fake = await startSpottFake({ ratePerSecond: 3, rateWindowMs: 1000 });
    const statuses: number[] = [];
    let refused: { headers: Headers; body: Json } | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await get('/opportunities?limit=1');
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.equal(refused?.headers.get('retry-after'), '1');
    assert.equal(refused?.body['status'], 429);
    assert.equal(refused?.headers.get('x-ratelimit-remaining'), null, 'no rate headers are documented');
    fake.config.retryAfterHeader = false;
    assert.equal((await get('/opportunities?limit=1')).headers.get('retry-after'), null);
  });

  it('runs in another process through serve.ts and prints its URL and key', async function () {
    this.timeout(20_000);
    const script = join(__dirname, '../../../fakes/spott/serve.ts');
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', script, '--key', 'served-key', '--deals', '12', '--envelope', 'pagination'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.setEncoding('utf8');
      const served = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
        child!.stdout!.on('data', (chunk: string) => {
          out += chunk;
          const line = /^(\{.*\})\n/m.exec(out);
          if (line) resolve(JSON.parse(line[1]!) as { url: string; apiKey: string });
        });
        child!.on('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
      });
      assert.equal(served.apiKey, 'served-key');
      const res = await fetch(`${served.url}/opportunities?limit=50`, { headers: { 'x-api-key': 'served-key' } });
      const body = (await res.json()) as Json;
      assert.equal(body['items'].length, 12);
      assert.deepEqual(body['pagination'], { cursor: null, hasMore: false });
    } finally {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
  });
});

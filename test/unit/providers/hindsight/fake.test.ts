import assert from 'node:assert/strict';
import { type HindsightFake, SEED_NOW_MS, STAGES, startHindsightFake } from '../../../fakes/hindsight';

/** The fake's own fidelity to Hindsight's documented behaviour (seed 000, notes §3), independent of the client. */
describe('Hindsight fake', function () {
  let fake: HindsightFake;

  before(async () => {
    fake = await startHindsightFake({ ratePerMinute: 100_000, deals: 300, seed: 7 });
  });
  after(async () => {
    await fake.close();
  });

  async function get(path: string, auth: string | null = `Bearer ${fake.apiKey}`, method = 'GET'): Promise<{ status: number; body: any }> {
    const res = await fetch(`${fake.url}/api/v1${path}`, { method, headers: auth === null ? {} : { authorization: auth } });
    return { status: res.status, body: await res.json() };
  }
  const q = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

  it('checks the Bearer key, answering 401 with {"message"}', async () => {
    assert.deepEqual(await get('/deals', null), { status: 401, body: { message: 'Missing API key' } });
    assert.deepEqual(await get('/deals', 'Bearer nope'), { status: 401, body: { message: 'Invalid API key' } });
    assert.equal((await get('/deals', fake.apiKey)).status, 401, 'the scheme is required');
    assert.equal((await get('/deals', `bearer ${fake.apiKey}`)).status, 200);
  });

  it('answers a bare array, 50 by default, newest first, in the documented record shape', async () => {
    const { status, body } = await get('/deals');
    assert.equal(status, 200);
    assert.ok(Array.isArray(body));
    assert.equal(body.length, 50);
    const times = body.map((d: any) => Date.parse(d.created_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(times.every((t: number) => t <= SEED_NOW_MS));
    for (const key of [
      'id', 'name', 'amount', 'status_id', 'previous_status_id', 'proposal_due', 'created_at', 'owner_id', 'salesforce_id',
      'hubspot_id', 'deal_analyzed', 'analysis_verified', 'type', 'region', 'deal_competitor_associations', 'drivers',
      'wl_product_fit_score', 'wl_sales_execution_score', 'wl_relationship_score',
    ]) assert.ok(key in body[0], key);
    assert.ok(body.some((d: any) => d.drivers.length && typeof d.wl_product_fit_score === 'number'));
  });

  it('pages with page_size (at most 100: more is a 400) and a zero-based page_index', async () => {
    assert.equal((await get('/deals?page_size=100')).body.length, 100);
    assert.equal((await get('/deals?page_size=100&page_index=2')).body.length, 100);
    assert.equal((await get('/deals?page_size=100&page_index=3')).body.length, 0);
    const tooBig = await get('/deals?page_size=500');
    assert.equal(tooBig.status, 400);
    assert.match(tooBig.body.message, /page_size/);
    assert.equal((await get('/deals?page_index=-1')).status, 400);
  });

  it('count=true answers a bare number, with the filters applied', async () => {
    assert.deepEqual(await get('/deals?count=true'), { status: 200, body: 300 });
    const won = fake.state.deals.filter((d) => d.status_id === STAGES.won).length;
    assert.deepEqual(await get(`/deals?count=true&status=${q([STAGES.won])}&status_filter_type=is%20any%20of`), { status: 200, body: won });
    assert.deepEqual(await get(`/deals?count=true&status=${q([STAGES.won])}&status_filter_type=is%20not`), { status: 200, body: 300 - won });
  });

  it('filters by ids (a JSON array) and refuses a malformed filter with the documented message shape', async () => {
    const ids = fake.state.deals.slice(10, 12).map((d) => d.id);
    const { body } = await get(`/deals?ids=${q(ids)}`);
    assert.deepEqual(body.map((d: any) => d.id).sort(), [...ids].sort());
    assert.deepEqual(await get('/deals?status=negotiation'), { status: 400, body: { message: 'Invalid filter format: status must be a valid JSON array' } });
    assert.deepEqual(await get('/deals?close_date=2026'), { status: 400, body: { message: 'Invalid filter format: close_date must be a valid JSON object' } });
    assert.equal((await get(`/deals?status=${q(['x'])}&status_filter_type=maybe`)).status, 400);
  });

  it('returns only the requested columns, and refuses an unknown column', async () => {
    const { body } = await get('/deals?columns=id,name,status_id,amount&page_size=2&page_index=1');
    assert.deepEqual(Object.keys(body[0]), ['id', 'name', 'status_id', 'amount']);
    assert.deepEqual(await get('/deals?columns=id,bogus'), { status: 400, body: { message: 'Invalid column name: bogus' } });
    assert.equal((await get('/deals?columns=*')).body[0].drivers !== undefined, true);
  });

  it('sorts by the documented columns and searches names', async () => {
    const { body } = await get('/deals?sort=amount&sort_order=asc&page_size=100');
    const amounts = body.map((d: any) => d.amount).filter((a: any) => a !== null);
    assert.deepEqual(amounts, [...amounts].sort((a: number, b: number) => a - b));
    assert.equal((await get('/deals?sort=colour')).status, 400);
    const found = await get('/deals?searchQuery=globex&page_size=100');
    assert.ok(found.body.length > 0 && found.body.every((d: any) => /globex/i.test(d.name)));
  });

  it('has no write: other methods are refused, other paths are 404', async () => {
    const id = fake.state.deals[0]!.id;
    assert.equal((await get(`/deals`, `Bearer ${fake.apiKey}`, 'POST')).status, 405);
    assert.equal((await get(`/deals/${id}`, `Bearer ${fake.apiKey}`, 'PATCH')).status, 404);
    assert.deepEqual(await get(`/deals/${id}`), { status: 404, body: { message: 'Not found' } });
  });

  it('keeps amounts as JSON numbers without currency, some with cents, one with 15 significant digits', async () => {
    const amounts = fake.state.deals.map((d) => d.amount);
    assert.ok(amounts.includes(null));
    assert.ok(amounts.some((a) => a !== null && !Number.isInteger(a)));
    assert.ok(amounts.includes(1234567890123.45));
    assert.ok(fake.state.deals.every((d) => !('currency' in d)));
  });
});

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

describe('test/fakes/twenty/serve.ts', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('runs the fake in another process and prints its URL and key', async function () {
    this.timeout(20_000);
    const script = join(__dirname, '../../../fakes/twenty/serve.ts');
    child = spawn(process.execPath, ['--import', 'tsx', script, '--key', 'served-key', '--deals', '12', '--flavor', 'newest'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.setEncoding('utf8');
    const started = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { url: string; apiKey: string });
      });
      child!.on('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
    });
    assert.equal(started.apiKey, 'served-key');
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${started.url}/rest/opportunities?limit=0&depth=0`, { headers: { authorization: 'Bearer served-key' } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { totalCount: number; data: { opportunities: { amount: { amountMicros: unknown } }[] } };
    assert.equal(body.totalCount, 12);
    const metadata = (await (await fetch(`${started.url}/rest/metadata/objects`, { headers: { authorization: 'Bearer served-key' } })).json()) as { data: unknown };
    assert.ok(Array.isArray(metadata.data), 'the newest metadata format');
  });
});

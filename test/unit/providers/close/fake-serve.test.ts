import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';

describe('test/fakes/close/serve.ts', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('runs the fake in another process and prints its URL', async function () {
    this.timeout(20_000);
    const script = join(__dirname, '../../../fakes/close/serve.ts');
    child = spawn(process.execPath, ['--import', 'tsx', script, '--key', 'served-key', '--deals', '12'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const line = /^(http:\/\/127\.0\.0\.1:\d+\/api\/v1)\n/m.exec(out);
        if (line) resolve(line[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
    });
    const response = await fetch(`${url}/opportunity/?_limit=100`, {
      headers: { authorization: `Basic ${Buffer.from('served-key:').toString('base64')}` },
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { total_results: number }).total_results, 12);
  });
});

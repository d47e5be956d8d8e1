// The bench's side of bridge-host.ts: runs a VS Code command in the workbench's extension host.
import { existsSync, readFileSync } from 'node:fs';

export interface Bridge {
  command<T = unknown>(command: string, ...args: unknown[]): Promise<T>;
  exit(): Promise<void>;
}

export async function connectBridge(portFile: string, timeoutMs = 60_000): Promise<Bridge> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').trim()) {
    if (Date.now() > deadline) throw new Error(`the bench bridge did not start in the extension host within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}/`;
  const post = async (body: unknown): Promise<unknown> => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
    const reply = (await response.json()) as { result?: unknown; error?: string };
    if (!response.ok) throw new Error(`${JSON.stringify(body).slice(0, 120)} failed in the extension host: ${reply.error}`);
    return reply.result;
  };
  return {
    command: async <T>(command: string, ...args: unknown[]) => (await post({ command, args })) as T,
    exit: async () => {
      await post({ command: '__exit' }).catch(() => undefined);
    },
  };
}

// A loopback proxy in front of a fake CRM that records how long the fake took for each request,
// so a workbench measure can subtract "the fake's own time" from what the user waited.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Span {
  method: string;
  path: string;
  status: number;
  /** performance.now() of this process: forwarded, and the fake's answer fully read. */
  start: number;
  end: number;
}

export interface TimingProxy {
  /** The proxy's origin; append the fake's own path (e.g. `/api/v1`). */
  origin: string;
  spans: Span[];
  close(): Promise<void>;
}

export async function startTimingProxy(target: string): Promise<TimingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const spans: Span[] = [];
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          spans.push({ method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0]!, status: answer.statusCode ?? 0, start, end: performance.now() });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Time covered by at least one of the spans (overlapping requests count once). */
export function coveredMs(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -Infinity;
  for (const s of sorted) {
    if (s.end <= end) continue;
    total += s.end - Math.max(s.start, end);
    end = s.end;
  }
  return total;
}

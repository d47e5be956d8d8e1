import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Wall-clock arrival time (Date.now()), to compare with HTTP dates. */
  at: number;
}

export interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  arrival: Arrival;
  /** 1 for the first request this server received. */
  count: number;
}

export type Handler = (exchange: Exchange) => unknown;

/** A real HTTP server on 127.0.0.1 that records what reached it; never any outside host. */
export class LocalServer {
  readonly arrivals: Arrival[] = [];
  inFlight = 0;
  maxInFlight = 0;

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    readonly port: number,
  ) {}

  static async start(handler: Handler): Promise<LocalServer> {
    let self: LocalServer | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const owner = self!;
        const arrival: Arrival = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        owner.arrivals.push(arrival);
        owner.inFlight++;
        owner.maxInFlight = Math.max(owner.maxInFlight, owner.inFlight);
        let finished = false;
        const done = (): void => {
          if (finished) return;
          finished = true;
          owner.inFlight--;
        };
        res.on('finish', done);
        res.on('close', done);
        void Promise.resolve(handler({ req, res, arrival, count: owner.arrivals.length })).catch(() => {
          res.destroy();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new LocalServer(server, `http://127.0.0.1:${port}/api/v1`, port);
    return self;
  }

  get count(): number {
    return this.arrivals.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reply as the fakes' routes produce it: JSON unless the body is already a string. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Writes a reply and records its status on the request log entry. */
export function sendReply(res: http.ServerResponse, record: { status?: number }, reply: FakeReply): void {
  const json = typeof reply.body !== 'string';
  const text = reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : String(reply.body);
  record.status = reply.status;
  res.writeHead(reply.status, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/plain',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

/**
 * The connection-level faults every fake offers, and the server's lifetime: a request held until
 * it is cut (what a client's timeout sees), a body cut off halfway, listening on loopback, closing.
 */
export class FakeTransport {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly server: http.Server) {}

  /** Answers nothing for `ms`, then closes the connection. */
  hang(res: http.ServerResponse, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      res.destroy();
    }, ms);
    this.timers.add(timer);
  }

  /** Promises a whole JSON body, sends half of it, then cuts the connection. */
  dropHalfway(res: http.ServerResponse, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.write(text.slice(0, text.length / 2), () => res.destroy());
  }

  /** Listens on 127.0.0.1 (a free port unless one is given) and resolves with the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

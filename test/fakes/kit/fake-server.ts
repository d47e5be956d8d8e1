import http from 'node:http';
import type { ConnectionFault, StatusFault } from './fault-kinds';
import { type FaultMatch, FaultQueue } from './fault-queue';
import { now, type ReceivedRequest, type RecordedRequest, receive } from './recorded-request';
import { FakeTransport, type FakeReply, sendReply } from './transport';

/** What every fake's handle offers besides its own data and knobs. */
export interface FakeControls<F> {
  /** Every request that reached the fake, in arrival order. */
  requests: RecordedRequest[];
  /** Makes the next matching request(s) fail as described. */
  failNext(fault: F, match?: FaultMatch): void;
  /** Forgets recorded requests and pending faults (the rate window stays: it is the account's). */
  clearRequests(): void;
  close(): Promise<void>;
}

/** How a fake answers the faults that carry a CRM's words. */
export interface FaultReplies<F> {
  /** The CRM's reply for a status fault; the fault's `body` and `headers` override its own. */
  statusReply(fault: Extract<F, { kind: 'status' }>): FakeReply;
  /** What a `drop` fault starts sending before it cuts the connection. */
  dropBody: unknown;
}

/**
 * The plumbing every fake shares: an HTTP server on 127.0.0.1 that reads each request to its end,
 * records it, and hands it to the fake's own handler; the fault queue; writing replies.
 */
export class FakeServer<F> {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultQueue<F>();
  readonly transport: FakeTransport;

  constructor(handle: (request: ReceivedRequest, res: http.ServerResponse) => void) {
    const server = http.createServer((req, res) => {
      const at = now();
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = receive(req, Buffer.concat(chunks).toString('utf8'), at);
        this.requests.push(received.record);
        handle(received, res);
      });
    });
    this.transport = new FakeTransport(server);
  }

  /** Listens on 127.0.0.1 (a free port unless one is given) and resolves with the port. */
  listen(port?: number): Promise<number> {
    return this.transport.listen(port ?? 0);
  }

  send(res: http.ServerResponse, record: RecordedRequest, reply: FakeReply): void {
    sendReply(res, record, reply);
  }

  controls(): FakeControls<F> {
    return {
      requests: this.requests,
      failNext: (fault, match = {}) => this.faults.add(fault, match),
      clearRequests: () => {
        this.requests.length = 0;
        this.faults.clear();
      },
      close: () => this.transport.close(),
    };
  }
}

/** A fault's JSON content type: a body of the wrong shape still claims to be JSON. */
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** Sends a route's reply, or carries out the queued fault the fake took instead of it. */
export function sendOutcome<F extends StatusFault | ConnectionFault>(
  server: FakeServer<F>, res: http.ServerResponse, record: RecordedRequest, outcome: FakeReply | F, replies: FaultReplies<F>,
): void {
  if (!('kind' in outcome)) return server.send(res, record, outcome);
  const fault: StatusFault | ConnectionFault = outcome;
  switch (fault.kind) {
    case 'status': {
      const own = replies.statusReply(outcome as Extract<F, { kind: 'status' }>);
      return server.send(res, record, { status: fault.status, body: fault.body ?? own.body, headers: { ...own.headers, ...fault.headers } });
    }
    case 'badShape':
      return server.send(res, record, { status: 200, body: fault.body ?? { unexpected: true }, headers: JSON_TYPE });
    case 'delay':
      return server.transport.hang(res, fault.ms);
    case 'drop':
      return server.transport.dropHalfway(res, replies.dropBody);
  }
}

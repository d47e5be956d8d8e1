import type http from 'node:http';

/** One request as it reached a fake. */
export interface RecordedRequest {
  method: string;
  /** The path on the wire, without the query (with the API prefix, if the CRM has one). */
  path: string;
  /** Decoded query parameters; a repeated name gives an array. */
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** Arrival, epoch ms with sub-ms precision. */
  at: number;
  /** The status the fake answered with; undefined while pending or when it dropped the connection. */
  status?: number;
}

/** A request read to its end: its log entry, its URL, and whether a body was sent that is not JSON. */
export interface ReceivedRequest {
  record: RecordedRequest;
  url: URL;
  invalidJson: boolean;
}

/** The fakes' clock: epoch ms with sub-ms precision, so rate windows and request logs agree to the tick. */
export const now = (): number => performance.timeOrigin + performance.now();

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return query;
}

function parseBody(text: string): { value?: unknown; invalid: boolean } {
  if (!text.trim()) return { invalid: false };
  try {
    return { value: JSON.parse(text), invalid: false };
  } catch {
    return { value: text, invalid: true };
  }
}

/** The log entry of a request whose body (`text`) has been read; `at` is when it arrived. */
export function receive(req: http.IncomingMessage, text: string, at: number): ReceivedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = parseBody(text);
  const record: RecordedRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: parseQuery(url.searchParams),
    headers: { ...req.headers },
    body: body.value,
    at,
  };
  return { record, url, invalidJson: body.invalid };
}

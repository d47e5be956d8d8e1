/** What a message, log line or URL becomes where a secret was. */
export const REDACTED = '***';

/** Query parameters whose values are masked in logs even when the client does not know them as secrets. */
const SENSITIVE_PARAM = /key|token|secret|passw|auth|signature|session/i;

const AUTH_SCHEME = /^(basic|bearer|token|apikey)\s+/i;

export interface SecretSources {
  authHeaders: () => Record<string, string>;
  secrets?: () => string[];
}

/**
 * Removes the account's secrets from any text before it reaches an error or a log.
 * Values are read on every call because a key can be replaced while the client lives.
 */
export class SecretRedactor {
  constructor(private readonly sources: SecretSources) {}

  /** Every form a secret may take in text we show: raw, URL-encoded, and a header value with or without its scheme. */
  secretValues(): string[] {
    const found = new Set<string>();
    const add = (value: string | undefined): void => {
      const trimmed = value?.trim();
      if (!trimmed) return;
      found.add(trimmed);
      found.add(encodeURIComponent(trimmed));
    };
    for (const secret of this.safely(() => this.sources.secrets?.() ?? [])) add(secret);
    for (const value of this.safely(() => Object.values(this.sources.authHeaders()))) {
      add(value);
      add(value.replace(AUTH_SCHEME, ''));
    }
    // Longest first, so a header value is replaced whole before the key inside it.
    return [...found].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secretValues()) result = result.split(secret).join(REDACTED);
    return result;
  }

  redactOptional(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.redact(text);
  }

  /** A path with its query for logs and messages: sensitive parameter values masked, then secrets removed. */
  describeUrlPath(pathWithQuery: string): string {
    const queryStart = pathWithQuery.indexOf('?');
    if (queryStart < 0) return this.redact(pathWithQuery);
    const path = pathWithQuery.slice(0, queryStart);
    const masked = pathWithQuery
      .slice(queryStart + 1)
      .split('&')
      .map((pair) => {
        const equals = pair.indexOf('=');
        const name = equals < 0 ? pair : pair.slice(0, equals);
        return equals >= 0 && SENSITIVE_PARAM.test(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
      })
      .join('&');
    return this.redact(`${path}?${masked}`);
  }

  private safely(read: () => string[]): string[] {
    try {
      return read().filter((value): value is string => typeof value === 'string');
    } catch {
      return [];
    }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

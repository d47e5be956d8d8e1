/** The part of an error-status fault every fake reads; each CRM's fault adds its own knobs. */
export interface StatusFault<S extends number = number> {
  kind: 'status';
  status: S;
  /** The text of the CRM's error body. */
  message?: string;
  /** Replaces the CRM's body for the status. */
  body?: unknown;
  /** Added to (and override) the CRM's headers for the status. */
  headers?: Record<string, string>;
}

/** The faults below the CRM's own error replies, the same for every fake that offers them. */
export type ConnectionFault =
  /** Holds the request without answering for `ms`, then closes the connection; nothing is applied. */
  | { kind: 'delay'; ms: number }
  /** Sends a 200 status line, headers and half of the announced body, then drops the connection; nothing is applied. */
  | { kind: 'drop' }
  /** Answers 200 with a JSON body of the wrong shape (a string is sent as is); nothing is applied. Default `{"unexpected": true}`. */
  | { kind: 'badShape'; body?: unknown };

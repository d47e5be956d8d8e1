import { KeyNeededError, type KeyProblem } from '../accounts/account-session';
import { formatWait, isCrmError } from '../http/errors';

/** What the user can do about an account that was not searched. */
export type NoteAction = 'setApiKey' | 'retry' | 'showLog' | 'addAccount';

/** Why an account gave no results, in the words the quick pick shows after the account's name. */
export interface AccountProblem {
  /** "can't reach api.close.com", "API key rejected — not searched". */
  text: string;
  action?: NoteAction;
  /** The full sentence (names the account and the request), for the item's detail line. */
  detail?: string;
}

export function keyProblemNote(problem: KeyProblem): AccountProblem {
  return problem === 'missing'
    ? { text: 'no API key — not searched', action: 'setApiKey' }
    : { text: 'API key rejected — not searched', action: 'setApiKey' };
}

/** The one place a failed search becomes a sentence; mirrors the tree's error rows. */
export function describeSearchFailure(error: unknown): AccountProblem {
  if (error instanceof KeyNeededError) return keyProblemNote(error.problem);
  if (!isCrmError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { text: `search failed: ${message}`, action: 'showLog' };
  }
  const detail = error.message;
  switch (error.kind) {
    case 'auth':
      return keyProblemNote('rejected');
    case 'rateLimited':
      return {
        text: error.retryAfterMs ? `rate limited — try again in ${formatWait(error.retryAfterMs)}` : 'rate limited — try again shortly',
        action: 'retry', detail,
      };
    case 'network':
      return { text: `can't reach ${error.host ?? error.provider}`, action: 'retry', detail };
    case 'timeout':
      return { text: `${error.host ?? error.provider} did not answer in time`, action: 'retry', detail };
    case 'server':
      return { text: `${error.provider} server error${error.status ? ` (HTTP ${error.status})` : ''}`, action: 'retry', detail };
    case 'forbidden':
      return { text: `${error.provider} refused: the key may not search deals`, action: 'showLog', detail };
    case 'badResponse':
      return { text: `unexpected response from ${error.provider}${error.issuePath ? ` at ${error.issuePath}` : ''}`, action: 'showLog', detail };
    case 'cancelled':
      return { text: 'search was cancelled', action: 'retry', detail };
    default:
      return { text: `${error.provider} rejected the search`, action: 'showLog', detail };
  }
}

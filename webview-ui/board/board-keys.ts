/**
 * What a key on a focused card does. Plain arrows move focus; Alt+Shift+arrows move the card to
 * the previous or next stage; Alt+Shift+W / L mark it won or lost where the CRM keeps the outcome
 * on the deal; Enter opens the deal.
 */
export type CardKeyAction =
  | { kind: 'focus'; column: number; index: number }
  | { kind: 'move'; column: number }
  | { kind: 'outcome'; outcome: 'won' | 'lost' }
  | { kind: 'open' };

export interface KeyContext {
  /** Index of the focused card's column among the visible columns, and of the card in it. */
  column: number;
  index: number;
  /** How many cards each visible column shows after filtering. */
  sizes: readonly number[];
  outcomeZones: boolean;
}

export interface KeyInput {
  key: string;
  /** The physical key: Alt+Shift+W types another character on macOS, so letters are matched by code. */
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function cardKeyAction(event: KeyInput, at: KeyContext): CardKeyAction | undefined {
  if (event.ctrlKey || event.metaKey) return undefined;
  const moving = event.altKey && event.shiftKey;
  if (moving) {
    if (event.key === 'ArrowLeft' && at.column > 0) return { kind: 'move', column: at.column - 1 };
    if (event.key === 'ArrowRight' && at.column < at.sizes.length - 1) return { kind: 'move', column: at.column + 1 };
    if (at.outcomeZones && event.code === 'KeyW') return { kind: 'outcome', outcome: 'won' };
    if (at.outcomeZones && event.code === 'KeyL') return { kind: 'outcome', outcome: 'lost' };
    return undefined;
  }
  if (event.altKey || event.shiftKey) return undefined;
  const size = at.sizes[at.column] ?? 0;
  switch (event.key) {
    case 'Enter':
      return { kind: 'open' };
    case 'ArrowUp':
      return at.index > 0 ? { kind: 'focus', column: at.column, index: at.index - 1 } : undefined;
    case 'ArrowDown':
      return at.index < size - 1 ? { kind: 'focus', column: at.column, index: at.index + 1 } : undefined;
    case 'Home':
      return { kind: 'focus', column: at.column, index: 0 };
    case 'End':
      return { kind: 'focus', column: at.column, index: Math.max(0, size - 1) };
    case 'PageUp':
      return { kind: 'focus', column: at.column, index: Math.max(0, at.index - 5) };
    case 'PageDown':
      return { kind: 'focus', column: at.column, index: Math.min(Math.max(0, size - 1), at.index + 5) };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      // The nearest column in that direction that has a card; the same row where it has one.
      for (let column = at.column + step; column >= 0 && column < at.sizes.length; column += step) {
        const cards = at.sizes[column] ?? 0;
        if (cards > 0) return { kind: 'focus', column, index: Math.min(at.index, cards - 1) };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export const KEYBOARD_HELP = 'Arrow keys move between cards, Enter opens the deal, Alt+Shift+Left or Right moves the card to the previous or next stage';
export const OUTCOME_HELP = ', Alt+Shift+W marks it won and Alt+Shift+L lost';

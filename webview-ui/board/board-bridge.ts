import { BoardToHostSchema, HostToBoardSchema, type BoardToHost, type HostToBoard } from '../../src/protocol/board-messages';
import type { VsCodeApi } from '../host/vscode-api';

/**
 * The board's only way in and out. Every message from the host is checked against the board's
 * protocol; one that does not fit is dropped with a warning rather than half-drawn.
 */
export class BoardBridge {
  private readonly onWindowMessage = (event: MessageEvent) => {
    const parsed = HostToBoardSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('CRM board: ignored a message that does not fit the protocol', parsed.error.issues.slice(0, 3));
      return;
    }
    this.receive(parsed.data);
  };

  constructor(private readonly api: VsCodeApi, private readonly receive: (message: HostToBoard) => void) {}

  listen(): void {
    window.addEventListener('message', this.onWindowMessage);
  }

  dispose(): void {
    window.removeEventListener('message', this.onWindowMessage);
  }

  post(message: BoardToHost): void {
    const checked = BoardToHostSchema.safeParse(message);
    if (!checked.success) {
      console.warn('CRM board: did not send a message that does not fit the protocol', checked.error.issues.slice(0, 3));
      return;
    }
    this.api.postMessage(checked.data);
  }
}

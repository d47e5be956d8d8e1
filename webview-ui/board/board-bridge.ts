import { BoardToHostSchema, HostToBoardSchema, type BoardToHost, type HostToBoard } from '../../src/protocol/board-messages';
import { MessageBridge } from '../host/message-bridge';
import type { VsCodeApi } from '../host/vscode-api';

/** The board's bridge: its protocol in both directions. */
export class BoardBridge extends MessageBridge<HostToBoard, BoardToHost> {
  constructor(api: VsCodeApi, receive: (message: HostToBoard) => void) {
    super({ name: 'CRM board', incoming: HostToBoardSchema, outgoing: BoardToHostSchema }, api, receive);
  }
}

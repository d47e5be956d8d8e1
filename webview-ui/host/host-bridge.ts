import { HostToWebviewSchema, WebviewToHostSchema, type HostToWebview, type WebviewToHost } from '../../src/protocol';
import { MessageBridge } from './message-bridge';
import type { VsCodeApi } from './vscode-api';

/** The deal panel's bridge: its protocol in both directions. */
export class HostBridge extends MessageBridge<HostToWebview, WebviewToHost> {
  constructor(api: VsCodeApi, receive: (message: HostToWebview) => void) {
    super({ name: 'CRM deal panel', incoming: HostToWebviewSchema, outgoing: WebviewToHostSchema }, api, receive);
  }
}

/** Request ids only need to be unique within this panel; randomUUID where the page allows it. */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

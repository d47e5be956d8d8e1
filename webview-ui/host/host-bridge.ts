import { HostToWebviewSchema, WebviewToHostSchema, type HostToWebview, type WebviewToHost } from '../../src/protocol';
import type { VsCodeApi } from './vscode-api';

/**
 * The only way in and out of the webview. Every message from the host is checked against the
 * protocol schema; one that does not fit is dropped with a warning rather than half-handled.
 */
export class HostBridge {
  private readonly onWindowMessage = (event: MessageEvent) => {
    const parsed = HostToWebviewSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('CRM deal panel: ignored a message that does not fit the protocol', parsed.error.issues.slice(0, 3), event.data);
      return;
    }
    this.receive(parsed.data);
  };

  constructor(private readonly api: VsCodeApi, private readonly receive: (message: HostToWebview) => void) {}

  listen(): void {
    window.addEventListener('message', this.onWindowMessage);
  }

  dispose(): void {
    window.removeEventListener('message', this.onWindowMessage);
  }

  post(message: WebviewToHost): void {
    const checked = WebviewToHostSchema.safeParse(message);
    if (!checked.success) {
      console.warn('CRM deal panel: did not send a message that does not fit the protocol', checked.error.issues.slice(0, 3));
      return;
    }
    this.api.postMessage(checked.data);
  }
}

/** Request ids only need to be unique within this panel; randomUUID where the page allows it. */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

import type { z } from 'zod';
import type { VsCodeApi } from './vscode-api';

/**
 * A webview's only way in and out. Every message from the host is checked against the webview's
 * protocol; one that does not fit is dropped with a warning rather than half-handled. Outgoing
 * messages are checked too, so the host never receives one it would drop.
 */
export class MessageBridge<In, Out> {
  private readonly onWindowMessage = (event: MessageEvent) => {
    const parsed = this.protocol.incoming.safeParse(event.data);
    if (!parsed.success) {
      console.warn(`${this.protocol.name}: ignored a message that does not fit the protocol`, parsed.error.issues.slice(0, 3));
      return;
    }
    this.receive(parsed.data);
  };

  constructor(
    private readonly protocol: { name: string; incoming: z.ZodType<In>; outgoing: z.ZodType<Out> },
    private readonly api: VsCodeApi,
    private readonly receive: (message: In) => void,
  ) {}

  listen(): void {
    window.addEventListener('message', this.onWindowMessage);
  }

  dispose(): void {
    window.removeEventListener('message', this.onWindowMessage);
  }

  post(message: Out): void {
    const checked = this.protocol.outgoing.safeParse(message);
    if (!checked.success) {
      console.warn(`${this.protocol.name}: did not send a message that does not fit the protocol`, checked.error.issues.slice(0, 3));
      return;
    }
    this.api.postMessage(checked.data);
  }
}

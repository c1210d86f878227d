// The webview app's only window onto the host: requests, events, and persisted state. VS Code implements it
// with postMessage; the dev page implements it with an in-process mock, so the same UI runs in a plain browser.
import {
  MessageHandler,
  MessageType,
  errorOf,
  type FromWebviewMessage,
  type ReplyOf,
  type ToWebviewMessage,
  type WebviewMessage,
  type WebviewState,
} from '../src/protocol';

export type RequestMessage = Extract<FromWebviewMessage, { type: keyof ReplyOf }>;

export interface HostApi {
  request<M extends RequestMessage>(msg: M): Promise<ReplyOf[M['type']]>;
  notify(msg: FromWebviewMessage): void;
  onEvent(listener: (msg: ToWebviewMessage) => void): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function hasVsCodeApi(): boolean {
  return typeof (globalThis as { acquireVsCodeApi?: unknown }).acquireVsCodeApi === 'function';
}

export function vscodeHost(): HostApi {
  const vscode = acquireVsCodeApi();
  const listeners: ((m: ToWebviewMessage) => void)[] = [];
  const handler = new MessageHandler<FromWebviewMessage, ToWebviewMessage>(
    (m) => vscode.postMessage(m),
    (body) => {
      for (const l of listeners) l(body);
      return undefined;
    },
    errorOf,
  );
  window.addEventListener('message', (e: MessageEvent<WebviewMessage<ToWebviewMessage>>) => {
    if (e.data && typeof e.data.messageId === 'number') void handler.receive(e.data);
  });
  return {
    request: (msg) => handler.sendRequest(msg),
    notify: (msg) => handler.sendEvent(msg),
    onEvent: (l) => listeners.push(l),
    getState: () => vscode.getState() as WebviewState | undefined,
    setState: (s) => vscode.setState(s),
  };
}

export { MessageType };

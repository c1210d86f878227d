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

/** One protocol message as the trace keeps it: when, which way, and the start of its JSON. */
interface TraceEntry {
  at: string;
  dir: 'to host' | 'from host';
  text: string;
}
const TRACE_SIZE = 60;
const TRACE_TEXT = 300;

/**
 * The last messages both ways, for a bug report or the e2e suite's failure evidence (read with
 * `rewardLensProtocolTrace()` in the webview's devtools). Bounded: the newest TRACE_SIZE, each cut to TRACE_TEXT chars.
 */
function protocolTrace(): (dir: TraceEntry['dir'], msg: unknown) => void {
  const entries: TraceEntry[] = [];
  (globalThis as { rewardLensProtocolTrace?: () => TraceEntry[] }).rewardLensProtocolTrace = () => entries.slice();
  return (dir, msg) => {
    let text: string;
    try {
      text = JSON.stringify(msg) ?? String(msg);
    } catch {
      text = String(msg);
    }
    if (text.length > TRACE_TEXT) text = `${text.slice(0, TRACE_TEXT)}… (${text.length} chars)`;
    entries.push({ at: new Date().toISOString().slice(11, 23), dir, text });
    if (entries.length > TRACE_SIZE) entries.shift();
  };
}

export function vscodeHost(): HostApi {
  const vscode = acquireVsCodeApi();
  const listeners: ((m: ToWebviewMessage) => void)[] = [];
  const trace = protocolTrace();
  const handler = new MessageHandler<FromWebviewMessage, ToWebviewMessage>(
    (m) => {
      trace('to host', m);
      vscode.postMessage(m);
    },
    (body) => {
      for (const l of listeners) l(body);
      return undefined;
    },
    errorOf,
  );
  window.addEventListener('message', (e: MessageEvent<WebviewMessage<ToWebviewMessage>>) => {
    if (!e.data || typeof e.data.messageId !== 'number') return;
    trace('from host', e.data);
    void handler.receive(e.data);
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

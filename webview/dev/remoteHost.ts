// A HostApi that talks to a real EditorSession in the dev server (HTTP for requests, server-sent events for
// pushes): the dev page over a file of any size, read by the core as in the extension host.
import type { FromWebviewMessage, ToWebviewMessage, WebviewState } from '../../src/protocol';
import type { HostApi, RequestMessage } from '../hostApi';

export async function remoteHost(file: string): Promise<HostApi> {
  const res = await fetch(`/remote/open?file=${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(await res.text());
  const { id } = (await res.json()) as { id: string };
  const listeners: ((m: ToWebviewMessage) => void)[] = [];
  const events = new EventSource(`/remote/events?id=${id}`);
  events.onmessage = (e) => {
    const m = JSON.parse(e.data as string) as ToWebviewMessage;
    for (const l of listeners) l(m);
  };
  const rpc = async (msg: FromWebviewMessage) => {
    const r = await fetch(`/remote/rpc?id=${id}`, { method: 'POST', body: JSON.stringify(msg) });
    if (!r.ok) throw new Error(await r.text());
    return r.json();
  };
  // Wait until the event stream is open, as the webview only asks once it can hear the host.
  await new Promise<void>((r) => (events.onopen = () => r()));
  let state: WebviewState | undefined;
  return {
    request: async <M extends RequestMessage>(msg: M) => (await rpc(msg)) as never,
    notify: (msg) => void rpc(msg),
    onEvent: (l) => listeners.push(l),
    getState: () => state,
    setState: (s) => (state = s),
  };
}

// Every message between the extension host and the webview. Both sides import this file; nothing else crosses.
// (The editor fills in the message unions; the media renderers speak MediaView.)

/** A piece of media as the webview sees it: a URI it may load, or why it cannot. */
export interface MediaView {
  modality: 'image' | 'video' | 'audio' | '3d';
  /** A webview resource URI (asWebviewUri) or a data: URI; undefined when unresolved. */
  src?: string;
  /** File extension or mime, e.g. 'glb', 'image/png'. */
  mime?: string;
  /** Why it is unavailable, shown by the placeholder with the paths that were tried. */
  error?: string;
  tried?: string[];
  /** Short label shown with it, e.g. the relative path. */
  label?: string;
}

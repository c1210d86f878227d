// Where the pair view hands media to the renderers (webview/media, owned by the media renderers).
export { renderMedia, renderMediaPair, type MediaHandle as Disposable } from '../media';

// Video: A and B side by side with one control bar (play/pause/seek together, frame steps); one video alone
// gets the same bar. A clip this build cannot decode (e.g. H.264 MP4 in some VS Code builds) becomes a placeholder.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { figure, releaseMedia, type MediaHandle } from './dom';
import { renderMediaControls } from './mediaControls';
import { displayName, mediaType } from './mediaKind';
import { syncMedia } from './mediaSync';
import { probeFrameRate } from './frameRate';
import { DEFAULT_FPS } from './timeMath';
import { placeholderElement } from './placeholder';

export interface VideoOptions {
  /** Frame rate when the host knows it; otherwise learnt from playback, DEFAULT_FPS until then. */
  fps?: number;
}

/** Renders views[i] into containers[i]; the control bar goes into `bar`. */
export function renderVideos(
  containers: HTMLElement[],
  views: MediaView[],
  bar: HTMLElement,
  options: VideoOptions = {},
): MediaHandle {
  const ac = new AbortController();
  const shown: HTMLElement[] = [];
  const videos = views.map((view, i) => {
    const video = el('video', 'media-video');
    // 'auto' so the first frame shows before playing (with 'metadata' Chromium may leave the box blank).
    video.preload = 'auto';
    video.playsInline = true;
    video.controls = false;
    video.title = `${displayName(view)} — click to play or pause`;
    let fig = figure(view.label ?? '', video);
    shown[i] = fig;
    const cannotPlay = (): void => {
      const box = placeholderElement(view, unplayableMessage(view, video));
      // The decoder's own words help a bug report but not the reader: keep them in the tooltip.
      if (video.error?.message) box.title = video.error.message;
      fig.replaceWith(box);
      shown[i] = fig = box;
      if (videos.every((v) => v.error)) bar.hidden = true;
    };
    video.addEventListener('error', cannotPlay, { signal: ac.signal, once: true });
    video.addEventListener('click', () => sync.toggle(), { signal: ac.signal });
    containers[i].append(fig);
    video.src = view.src ?? '';
    return video;
  });
  const sync = syncMedia(videos);
  let fps = options.fps ?? DEFAULT_FPS;
  // A and B may differ; the steps follow A's rate, the reference the user compares against.
  const stopProbe = options.fps
    ? () => undefined
    : probeFrameRate(videos[0], (rate) => {
        fps = rate;
        videos[0].dataset.fps = String(rate);
      });
  const controls = renderMediaControls(bar, sync, {
    frameStep: true,
    fps: () => fps,
    listen: videos.length > 1 ? 'both' : undefined,
  });
  return {
    dispose: () => {
      ac.abort();
      stopProbe();
      controls.dispose();
      sync.dispose();
      for (const v of videos) releaseMedia(v);
      for (const el of shown) el.remove();
    },
  };
}

/** One video with its own bar underneath. */
export function renderVideo(container: HTMLElement, view: MediaView, options: VideoOptions = {}): MediaHandle {
  const bar = el('div', 'media-single-bar');
  const handle = renderVideos([container], [view], bar, options);
  container.append(bar);
  return {
    dispose: () => {
      handle.dispose();
      bar.remove();
    },
  };
}

function unplayableMessage(view: MediaView, video: HTMLVideoElement): string {
  const name = displayName(view);
  const type = mediaType(view);
  const code = video.error?.code;
  if (code === MediaError.MEDIA_ERR_NETWORK) return `Could not load the video ${name}: the file could not be read.`;
  const mp4 = type === 'mp4' || type === 'video/mp4' || type === 'm4v' || type === 'mov';
  if (mp4 && !video.canPlayType('video/mp4; codecs="avc1.42E01E"')) {
    return `This VS Code build cannot play ${name}: it has no H.264 (MP4) decoder. Convert it to WebM (VP9) to view it here.`;
  }
  return `This video cannot be played here: ${name} is damaged or in a format this build does not decode.`;
}

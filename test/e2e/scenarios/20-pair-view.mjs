// The pair view of omni-sample.jsonl shows each modality for real: text, a decoded image, audio and video with
// metadata loaded, and a 3D canvas that drew a mesh. Records are chosen by the media they reference.
import { expect } from '../lib/checks.mjs';
import { openPair } from '../lib/rewardLens.mjs';
import { firstWith, promptSnippet, readSample } from '../lib/samples.mjs';
import { waitForElement } from '../lib/workbench.mjs';
import { distinctColours } from '../lib/pixels.mjs';

export const SAMPLE = 'omni-rewardbench/omni-sample.jsonl';
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Checks for one modality, run with the pair view of a record that has it. */
export const MODALITIES = {
  async text(view, record) {
    const snippet = promptSnippet(record.value);
    const prompt = squash(await view.locator('[data-testid="prompt"]').innerText());
    expect(
      !snippet || prompt.includes(snippet),
      `prompt pane shows "${prompt.slice(0, 120)}", expected it to contain "${snippet}"`,
    );
    for (const side of ['response-a', 'response-b']) {
      const txt = squash(await view.locator(`[data-testid="${side}"]`).innerText());
      expect(txt.length > 0, `[data-testid="${side}"] is empty`);
    }
    const label = squash(await view.locator('[data-testid="human-label"]').innerText());
    expect(label.length > 0, 'the human label is not shown');
  },
  async image(view) {
    const imgs = view.locator('img.media-image');
    await imgs.first().waitFor({ state: 'visible', timeout: 15_000 });
    const n = await imgs.count();
    for (let i = 0; i < n; i++) {
      await waitForElement(
        imgs.nth(i),
        (img) => img.complete && img.naturalWidth > 0 && `${img.naturalWidth}x${img.naturalHeight}`,
        { what: `image ${i + 1} of ${n} decoded (naturalWidth > 0)` },
      );
    }
  },
  async audio(view) {
    const el = view.locator('audio.media-audio');
    await el.first().waitFor({ state: 'attached', timeout: 15_000 });
    await waitForElement(
      el.first(),
      (a) => a.readyState >= 1 && `readyState ${a.readyState}, ${a.duration.toFixed(2)} s`,
      { what: 'audio metadata loaded (readyState >= 1)' },
    );
  },
  async video(view) {
    const el = view.locator('video.media-video');
    await el.first().waitFor({ state: 'attached', timeout: 15_000 });
    await waitForElement(
      el.first(),
      (v) => v.readyState >= 1 && `readyState ${v.readyState}, ${v.videoWidth}x${v.videoHeight}`,
      { what: 'video metadata loaded (readyState >= 1)' },
    );
  },
  async mesh(view) {
    const canvas = view.locator('canvas.media-3d').first();
    await canvas.waitFor({ state: 'visible', timeout: 20_000 });
    await waitForElement(canvas, (c) => c.width > 0 && c.height > 0 && `${c.width}x${c.height}`, {
      what: '3D canvas has a size',
    });
    // a mesh that loaded and lit paints more than the background: poll, three.js renders after the file arrives
    const t0 = Date.now();
    let colours = 0;
    while (Date.now() - t0 < 20_000 && colours < 8) {
      colours = await distinctColours(await canvas.screenshot());
      if (colours < 8) await new Promise((r) => setTimeout(r, 500));
    }
    expect(colours >= 8, `the 3D canvas shows ${colours} colours: nothing was drawn`);
  },
};

/** [kind, where] pairs the pair view is checked with: media in the prompt and media as the responses. */
export const CASES = [
  ['text', 'any'],
  ['image', 'prompt'],
  ['image', 'responses'],
  ['audio', 'prompt'],
  ['audio', 'responses'],
  ['video', 'prompt'],
  ['video', 'responses'],
  ['mesh', 'responses'],
];
const WHAT = {
  text: 'prompt, responses and label as text',
  image: 'images that decoded',
  audio: 'audio with metadata loaded',
  video: 'video with metadata loaded',
  mesh: 'a 3D mesh drawn on a canvas',
};

export default {
  name: 'pair-view',
  async run(t) {
    const { records } = readSample(t.ws(SAMPLE));
    let wv;
    for (const [kind, where] of CASES) {
      const record = firstWith(records, kind, where);
      const place = kind === 'text' ? '' : where === 'prompt' ? ' in the prompt' : ' as responses';
      await t.check(
        `pair view of ${record?.value?.id ?? `(no record with ${kind}${place})`} shows ${WHAT[kind]}${place}`,
        async () => {
          expect(record, `${SAMPLE} has no record with ${kind}${place}`);
          wv ??= await t.open(SAMPLE);
          const view = await openPair(t.page, wv, record.index);
          await MODALITIES[kind](view, record);
        },
      );
    }
  },
};

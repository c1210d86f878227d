// Browser check of the media renderers on the standalone demo page (not part of the unit tests):
// builds webview/media/dev, serves it, drives headless Chromium through playwright-core and asserts that
// every renderer really works; leaves screenshots in .e2e-out/media-dev/shots/ to look at.
//   bash test/e2e/install-tools.sh   # once, for playwright-core
//   node test/media/run.mjs           # exit code 0 = all checks passed
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, outDir } from '../../webview/media/dev/build.mjs';
import { serve } from '../../webview/media/dev/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, '.e2e-tools/e2e/package.json'));
const { chromium } = require('playwright-core');
const shots = path.join(outDir, 'shots');
fs.mkdirSync(shots, { recursive: true });

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

await build();
const server = await serve({ '/': outDir });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--autoplay-policy=no-user-gesture-required',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
  ],
});

try {
  for (const theme of ['dark', 'light', 'hc']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}?theme=${theme}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });

    // Meshes load only once on screen: bring each into view, as a user scrolling the pair view would.
    for (let i = 0; i < 10; i++) {
      const waiting = page.locator('canvas.media-3d[data-state="waiting"]').first();
      if (!(await waiting.count())) break;
      await waiting.evaluate((c) => c.scrollIntoView({ block: 'center' }));
      await page
        .waitForFunction(
          () =>
            document.querySelectorAll('canvas.media-3d[data-state="waiting"]').length === 0 ||
            [...document.querySelectorAll('canvas.media-3d[data-state="waiting"]')].every(
              (c) => c.getBoundingClientRect().top > innerHeight,
            ),
          null,
          { timeout: 10000 },
        )
        .catch(() => {});
    }
    await check(`${theme}: media loaded (images decoded, video/audio metadata, waveforms, 3D)`, async () => {
      await page
        .waitForFunction(
          () => {
            const imgs = [...document.querySelectorAll('img.media-image')];
            const media = [...document.querySelectorAll('video.media-video, audio.media-audio')];
            const waves = [...document.querySelectorAll('canvas.media-waveform')];
            const meshes = [...document.querySelectorAll('canvas.media-3d')];
            return (
              imgs.length >= 5 &&
              imgs.every((i) => i.complete && i.naturalWidth > 0) &&
              media.length >= 5 &&
              media.every((m) => m.readyState >= 1) &&
              waves.length >= 2 &&
              waves.every((w) => w.dataset.state === 'ready') &&
              meshes.length >= 3 &&
              meshes.every((c) => c.dataset.state === 'ready')
            );
          },
          null,
          { timeout: 20000 },
        )
        .catch(async () => {
          const state = await page.evaluate(() => ({
            imgs: [...document.querySelectorAll('img.media-image')].map((i) => `${i.naturalWidth}`),
            media: [...document.querySelectorAll('video.media-video, audio.media-audio')].map((m) => m.readyState),
            waves: [...document.querySelectorAll('canvas.media-waveform')].map((w) => w.dataset.state),
            meshes: [...document.querySelectorAll('canvas.media-3d')].map((c) => c.dataset.state),
          }));
          throw new Error(`not all media ready: ${JSON.stringify(state)}`);
        });
    });

    await check(`${theme}: 3D canvases drew the model (non-blank pixels)`, async () => {
      const painted = await page.evaluate(() =>
        [...document.querySelectorAll('canvas.media-3d')].map((c) => {
          const probe = document.createElement('canvas');
          probe.width = 64;
          probe.height = 48;
          const ctx = probe.getContext('2d');
          ctx.drawImage(c, 0, 0, 64, 48);
          const data = ctx.getImageData(0, 0, 64, 48).data;
          let lit = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) lit++;
          return lit / (64 * 48);
        }),
      );
      assert(
        painted.length >= 3 && painted.every((f) => f > 0.03 && f < 0.97),
        `painted fractions ${painted.map((f) => f.toFixed(3))}`,
      );
    });

    await check(`${theme}: placeholders name the paths tried and say why`, async () => {
      const texts = await page.$$eval('.media-missing', (els) => els.map((e) => e.textContent));
      assert(
        texts.length === 5,
        `expected 5 placeholders (broken mp4, fbx, truncated glb, 2 missing), got ${texts.length}: ${texts.join(' | ')}`,
      );
      assert(
        texts.some((t) =>
          t.includes(
            'Could not load the 3D model generated/truncated.glb: the file is damaged or not a valid glTF/GLB file',
          ),
        ),
        'truncated mesh not explained',
      );
      assert(
        texts.some((t) => t.includes('samples/omni-rewardbench/media/missing/cat.png')),
        'missing image path not shown',
      );
      assert(
        texts.some((t) => t.includes('https://example.com/clips/response-b.mp4')),
        'remote URL not shown',
      );
      assert(
        texts.some((t) => /cannot be played|cannot play/.test(t) && t.includes('broken.mp4')),
        'unplayable video not explained',
      );
      assert(
        texts.some((t) => t.includes('model.fbx') && t.includes('glb, gltf, obj and ply')),
        'unsupported mesh not explained',
      );
      const bars = await page.$$eval('[data-section="video-single"] .media-controls', (els) =>
        els.map((e) => e.getClientRects().length > 0),
      );
      assert(bars.length === 2 && bars[0] && !bars[1], `the unplayable video's control bar should be hidden: ${bars}`);
    });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, `${theme}.png`), fullPage: true });
    if (theme !== 'dark') {
      await check(`${theme}: no console errors or CSP violations`, async () =>
        assert(errors.length === 0, errors.join('\n')),
      );
      await page.close();
      continue;
    }

    await check('video pair: playing A plays B; pausing A pauses B', async () => {
      const r = await page.evaluate(async () => {
        const [a, b] = document.querySelectorAll('[data-section="video-pair"] video.media-video');
        await a.play();
        await new Promise((r) => setTimeout(r, 1200));
        const playing = !b.paused;
        const drift = Math.abs(a.currentTime - b.currentTime);
        a.pause();
        await new Promise((r) => setTimeout(r, 100));
        return { playing, drift, pausedB: b.paused, fps: a.dataset.fps };
      });
      console.log(`  frame rate learnt from playback: ${r.fps ?? 'not yet'} fps`);
      assert(r.playing, 'B did not start when A played');
      assert(r.drift < 0.1, `A and B drifted ${r.drift.toFixed(3)} s while playing`);
      assert(r.pausedB, 'B kept playing after A paused');
    });

    await check('video pair: seeking A seeks B; the shared bar seeks both; frame step steps both', async () => {
      const r = await page.evaluate(async () => {
        const section = document.querySelector('[data-section="video-pair"]');
        const [a, b] = section.querySelectorAll('video.media-video');
        const settle = () => new Promise((r) => setTimeout(r, 400));
        const d = Math.min(a.duration, b.duration);
        a.currentTime = d * 0.6;
        await settle();
        const afterNative = [a.currentTime, b.currentTime];
        const seek = section.querySelector('.media-seek');
        seek.value = String(d * 0.3);
        seek.dispatchEvent(new Event('input', { bubbles: true }));
        seek.dispatchEvent(new Event('change', { bubbles: true }));
        await settle();
        const afterBar = [a.currentTime, b.currentTime];
        section.querySelector('.media-frame-forward').click();
        await settle();
        const afterStep = [a.currentTime, b.currentTime];
        return {
          d,
          afterNative,
          afterBar,
          afterStep,
          fps: Number(a.dataset.fps ?? 30),
          time: section.querySelector('.media-time').textContent,
        };
      });
      const near = ([x, y], t) => Math.abs(x - y) < 0.1 && (t === undefined || Math.abs(x - t) < 0.05);
      assert(near(r.afterNative, r.d * 0.6), `after seeking A to ${r.d * 0.6}: ${r.afterNative}`);
      assert(near(r.afterBar, r.d * 0.3), `after the bar to ${r.d * 0.3}: ${r.afterBar}`);
      assert(
        near(r.afterStep) && Math.floor(r.afterStep[0] * r.fps) === Math.floor(r.d * 0.3 * r.fps + 1e-4) + 1,
        `after a frame step from ${r.d * 0.3}: ${r.afterStep}`,
      );
      assert(
        r.time.startsWith(`0:0${Math.floor(r.afterStep[0])}.${Math.floor(r.afterStep[0] * 10) % 10}`),
        `time readout ${r.time}`,
      );
    });

    await check('audio pair: play A plays B; clicking a waveform seeks both', async () => {
      const r = await page.evaluate(async () => {
        const section = document.querySelector('[data-section="audio-pair"]');
        const [a, b] = section.querySelectorAll('audio.media-audio');
        await a.play();
        await new Promise((r) => setTimeout(r, 400));
        const playing = !b.paused;
        a.pause();
        await new Promise((r) => setTimeout(r, 100));
        return { playing, pausedB: b.paused, mutedB: b.muted, da: a.duration, db: b.duration };
      });
      assert(r.playing && r.pausedB, `B followed A? playing=${r.playing} paused=${r.pausedB}`);
      assert(r.mutedB, 'B should start muted ("Hear: A")');
      const wave = page.locator('[data-section="audio-pair"] canvas.media-waveform').first();
      const box = await wave.boundingBox();
      await wave.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
      await page.waitForTimeout(400);
      const t = await page.$$eval('[data-section="audio-pair"] audio.media-audio', (els) =>
        els.map((e) => e.currentTime),
      );
      assert(Math.abs(t[0] - r.da * 0.5) < 0.1, `A at ${t[0]}, expected ${r.da * 0.5}`);
      assert(Math.abs(t[0] - t[1]) < 0.1 || t[1] >= r.db - 0.05, `B at ${t[1]}, A at ${t[0]}`);
    });

    await check('image: click zooms, Escape closes; compare slider shows A over B and drags', async () => {
      await page.locator('[data-section="image-pair"] img.media-image').first().click();
      await page.waitForSelector('.media-zoom img', { state: 'visible' });
      await page.screenshot({ path: path.join(shots, 'dark-zoom.png') });
      await page.keyboard.press('Escape');
      await page.waitForSelector('.media-zoom', { state: 'detached', timeout: 2000 });
      await page.locator('[data-section="image-pair"] .media-segment', { hasText: 'Slider' }).click();
      const handle = page.locator('.media-compare-handle');
      await handle.waitFor();
      const box = await page.locator('.media-compare').boundingBox();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      const value = Number(await handle.getAttribute('aria-valuenow'));
      assert(Math.abs(value - 25) <= 2, `divider at ${value}%`);
      const decoded = await page.$$eval('.media-compare img', (imgs) => imgs.every((i) => i.naturalWidth > 0));
      assert(decoded, 'compare images did not decode');
      await page.locator('[data-section="image-pair"]').screenshot({ path: path.join(shots, 'dark-compare.png') });
      await page.locator('[data-section="image-pair"] .media-segment', { hasText: 'Difference' }).click();
      await page.waitForSelector('.media-compare-difference img.media-compare-a');
      assert(
        (await page.locator('.media-compare-handle').count()) === 0,
        'the slider stayed after switching to Difference',
      );
      const blend = await page.$eval(
        '.media-compare-difference .media-compare-a',
        (i) => getComputedStyle(i).mixBlendMode,
      );
      assert(blend === 'difference', `A is blended with ${blend}`);
      await page.locator('[data-section="image-pair"]').screenshot({ path: path.join(shots, 'dark-difference.png') });
      await page.locator('[data-section="image-pair"] .media-segment', { hasText: 'Side by side' }).click();
      const shown = await page.$$eval(
        '[data-section="image-pair"] img.media-image',
        (imgs) => imgs.filter((i) => i.getClientRects().length > 0).length,
      );
      assert(shown === 2 && (await page.locator('.media-compare').count()) === 0, 'side by side did not come back');
    });

    await check('3D pair: orbiting A turns B with it; "Separately" unlinks them', async () => {
      const signature = () =>
        page.$$eval('[data-section="mesh-pair"] canvas.media-3d', (cs) =>
          cs.map((c) => {
            const probe = document.createElement('canvas');
            probe.width = 32;
            probe.height = 24;
            const ctx = probe.getContext('2d');
            ctx.drawImage(c, 0, 0, 32, 24);
            return Array.from(ctx.getImageData(0, 0, 32, 24).data).join(',');
          }),
        );
      const drag = async () => {
        const a = page.locator('[data-section="mesh-pair"] canvas.media-3d').first();
        await a.scrollIntoViewIfNeeded();
        const box = await a.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 6 });
        await page.mouse.up();
        await page.waitForTimeout(200);
      };
      const before = await signature();
      await drag();
      const linked = await signature();
      assert(linked[0] !== before[0], 'A did not turn when dragged');
      assert(linked[1] !== before[1], 'B did not follow A');
      await page.locator('[data-section="mesh-pair"] [data-orbit="separately"]').click();
      await drag();
      const unlinked = await signature();
      assert(unlinked[0] !== linked[0] && unlinked[1] === linked[1], 'B moved although orbiting separately');
      await page
        .locator('[data-section="mesh-pair"] .media-mesh-tools .media-btn[aria-label="Show wireframe"]')
        .first()
        .click();
      const wired = await signature();
      assert(wired[0] !== unlinked[0] && wired[1] === unlinked[1], 'wireframe did not redraw A alone');
      const captions = await page.$$eval('[data-section="mesh-pair"] .media-mesh .media-caption', (els) =>
        els.map((e) => e.textContent),
      );
      assert(
        captions.every((c) => /\d[\d,]* triangles · \d[\d,]* vertices/.test(c)),
        `mesh captions: ${captions}`,
      );
      await page.locator('[data-section="mesh-pair"]').screenshot({ path: path.join(shots, 'dark-mesh.png') });
    });

    await page.locator('[data-section="video-pair"]').screenshot({ path: path.join(shots, 'dark-video.png') });
    await page.locator('[data-section="audio-pair"]').screenshot({ path: path.join(shots, 'dark-audio.png') });

    await check('30 mesh pairs rendered and disposed in turn leave no WebGL context behind', async () => {
      const r = await page.evaluate(async () => {
        const { api, manifest } = window.mediaDemo;
        const host = document.createElement('div');
        host.className = 'demo-pair';
        document.getElementById('demo').prepend(host);
        window.scrollTo(0, 0);
        const a = document.createElement('div');
        const b = document.createElement('div');
        host.append(a, b);
        let ready = 0;
        const canvases = [];
        for (let i = 0; i < 30; i++) {
          const handle = api.renderMediaPair(a, b, manifest.meshes[0], manifest.meshes[2]);
          const t0 = performance.now();
          while (
            performance.now() - t0 < 5000 &&
            [...host.querySelectorAll('canvas.media-3d')].some((c) => c.dataset.state !== 'ready')
          ) {
            await new Promise((r) => setTimeout(r, 20));
          }
          ready += host.querySelectorAll('canvas.media-3d[data-state="ready"]').length;
          canvases.push(...host.querySelectorAll('canvas.media-3d'));
          handle.dispose();
        }
        // getContext returns the canvas's existing context: a freed one reports itself lost.
        const alive = canvases.filter((c) => !c.getContext('webgl2').isContextLost()).length;
        const left = a.childElementCount + b.childElementCount + host.childElementCount - 2;
        host.remove();
        return { ready, left, alive };
      });
      assert(r.ready === 60, `${r.ready}/60 viewers drew their model`);
      assert(r.alive === 0, `${r.alive} disposed viewers still hold a WebGL context`);
      assert(r.left === 0, `${r.left} elements left behind`);
    });

    await check('dispose removes every element and bar, stops playback', async () => {
      const r = await page.evaluate(() => {
        const media = [...document.querySelectorAll('video, audio')];
        window.mediaDemo.disposeAll();
        return {
          left: document.querySelectorAll(
            '.media-figure, .media-missing, .media-pair-bar, .media-toolbar, canvas, video, audio, .media-compare',
          ).length,
          playing: media.filter((m) => !m.paused).length,
        };
      });
      assert(r.left === 0 && r.playing === 0, `left ${r.left} elements, ${r.playing} playing`);
    });

    await check('no console errors or CSP violations', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length}/${results.length} checks passed; screenshots in ${path.relative(root, shots)}/`,
);
process.exit(failed.length ? 1 : 0);

// Headless Debian Chromium through playwright-core, with every dialog and console error of every frame recorded.
import { CHROMIUM, loadPlaywright } from './tools.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
  // WebGL without a GPU (the 3D viewer's canvas): ANGLE over SwiftShader, in software.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** `env` should be the sandbox's, so Chromium's crash reports stay out of ~/.config. */
export async function launchBrowser(env) {
  const { chromium } = loadPlaywright();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, env, args: ARGS });
}

/**
 * A 1280×800 page. `page.dialogs` collects alert/confirm/prompt from any frame (each is dismissed, so nothing blocks);
 * `page.consoleErrors` the console errors, for the report.
 */
export async function newPage(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.dialogs = [];
  page.consoleErrors = [];
  page.on('dialog', (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.type() === 'error') page.consoleErrors.push(m.text().slice(0, 400));
  });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${String(e.message).slice(0, 400)}`));
  return page;
}

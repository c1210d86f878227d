// Headless Debian Chromium through playwright-core from the e2e tools folder (not a dependency of the package).
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// playwright-core lives in the e2e tools folder (not a dependency): the little of its API used here.
export interface Page {
  goto(url: string): Promise<unknown>;
  waitForSelector(
    sel: string,
    opts?: { timeout?: number; state?: 'attached' | 'visible' | 'hidden' },
  ): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  screenshot(opts: { path: string }): Promise<unknown>;
  evaluate<T>(fn: (() => T) | string): Promise<T>;
  on(event: 'console', fn: (m: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', fn: (e: Error) => void): void;
  keyboard: { press(key: string): Promise<void> };
  close(): Promise<void>;
}
export interface Browser {
  newPage(opts: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
export type Chromium = { launch(opts: { executablePath: string; args: string[] }): Promise<Browser> };

export function loadChromium(): Chromium {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(ROOT, '.e2e-tools/e2e/node_modules/playwright-core')) as { chromium: Chromium }).chromium;
}

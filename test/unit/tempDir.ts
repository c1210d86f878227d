// Temp folders for tests, removed when the test file's process exits (node --test runs each file in a process of
// its own), so a unit run leaves nothing in the temp folder but the tools' own caches.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder named `prefix…`; `memory` puts it on /dev/shm when there is one (fsync-heavy property tests). */
export function tempDir(prefix = 'rl-test-', opts: { memory?: boolean } = {}): string {
  const base = opts.memory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, prefix));
  made.push(dir);
  return dir;
}

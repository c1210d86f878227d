// Who is relabelling, for the audit trail: the git user.name of the file's repository, else the OS user
// (always the OS user in Restricted Mode).
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';

const cache = new Map<string, Promise<string>>();

/** `git: false` in Restricted Mode: the folder's repository config is the workspace's, so no git runs there. */
export function auditUser(filePath: string, opts: { git: boolean }): Promise<string> {
  if (!opts.git) return Promise.resolve(osUser());
  const dir = dirname(filePath);
  let who = cache.get(dir);
  if (!who) {
    who = new Promise<string>((resolve) => {
      execFile('git', ['config', 'user.name'], { cwd: dir, timeout: 3000 }, (err, stdout) => {
        const name = err ? '' : stdout.trim();
        resolve(name || osUser());
      });
    });
    cache.set(dir, who);
  }
  return who;
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

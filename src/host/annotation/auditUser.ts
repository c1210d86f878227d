// Who is relabelling, for the audit trail: the git user.name of the file's repository, else the OS user
// (always the OS user in Restricted Mode).
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

export type Exec = (
  file: string,
  args: string[],
  opts: { cwd: string; timeout: number; windowsHide: boolean },
  done: (err: Error | null, stdout: string) => void,
) => void;

const cache = new Map<string, Promise<string>>();

/**
 * git's absolute path from PATH, skipping relative entries: on Windows a bare `git` is looked up in the
 * working folder first, so a `git.exe` planted in a dataset's folder would run instead.
 */
export function findGit(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const names = platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of names) {
      const file = join(dir, name);
      try {
        if (!statSync(file).isFile()) continue;
        if (platform !== 'win32') accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** `git -C <dir> config user.name`, by absolute path, from a folder the dataset does not control. */
export function gitUserInvocation(dir: string, git: string): { file: string; args: string[]; cwd: string } {
  return { file: git, args: ['-C', dir, 'config', 'user.name'], cwd: safeCwd() };
}

function safeCwd(): string {
  try {
    return homedir() || tmpdir();
  } catch {
    return tmpdir();
  }
}

/** `git: false` in Restricted Mode: the folder's repository config is the workspace's, so no git runs there. */
export function auditUser(
  filePath: string,
  opts: { git: boolean; exec?: Exec; findGit?: () => string | undefined },
): Promise<string> {
  if (!opts.git) return Promise.resolve(osUser());
  const dir = dirname(filePath);
  let who = cache.get(dir);
  if (!who) {
    who = new Promise<string>((resolve) => {
      const git = (opts.findGit ?? findGit)();
      if (!git) return resolve(osUser());
      const call = gitUserInvocation(dir, git);
      const run: Exec =
        opts.exec ?? ((file, args, o, done) => execFile(file, args, o, (err, stdout) => done(err, String(stdout))));
      run(call.file, call.args, { cwd: call.cwd, timeout: 3000, windowsHide: true }, (err, stdout) => {
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

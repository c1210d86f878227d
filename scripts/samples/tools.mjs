// Thin wrappers over the Debian tools the generator uses (ffmpeg, sox, espeak-ng).
import { execFileSync } from 'node:child_process';

const BITEXACT = ['-fflags', '+bitexact', '-flags', '+bitexact', '-map_metadata', '-1'];

export function requireTools() {
  const probes = { ffmpeg: '-version', sox: '--version', 'espeak-ng': '--version' };
  const missing = Object.keys(probes).filter((tool) => {
    try {
      execFileSync(tool, [probes[tool]], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(
      `make-samples needs ${missing.join(', ')} on PATH (Debian: apt-get install ffmpeg sox espeak-ng). ` +
        'The generated samples are committed, so only regenerating needs them.',
    );
  }
}

export function run(cmd, args, input) {
  try {
    return execFileSync(cmd, args, { input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    const stderr = err.stderr ? err.stderr.toString().trim() : '';
    throw new Error(`${cmd} ${args.join(' ')} failed: ${stderr || err.message}`, { cause: err });
  }
}

/** ffmpeg with bit-exact output (no encoder tags, no random stream serials) and single-threaded encoders. */
export function ffmpeg(inputArgs, outputArgs, outFile, input) {
  return run('ffmpeg', ['-v', 'error', '-y', ...inputArgs, ...outputArgs, '-threads', '1', ...BITEXACT, outFile], input);
}

export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

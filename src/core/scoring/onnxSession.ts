// Opening an ONNX graph for a scorer: onnxruntime-node loaded lazily (telemetry off first), and load failures as
// ModelLoadErrors that name the file.
import fs from 'node:fs';
import type { InferenceSession } from 'onnxruntime-node';
import { ModelLoadError } from './scorer';

export type Ort = typeof import('onnxruntime-node');
let ortModule: Ort | undefined;

/** onnxruntime-node, loaded on first use so ORT_DISABLE_TELEMETRY is set before the native module initialises. */
export function ort(): Ort {
  process.env.ORT_DISABLE_TELEMETRY = '1';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (ortModule ??= require('onnxruntime-node') as Ort);
}

/** A session over `file` (named `displayName` in messages), or a ModelLoadError saying what is wrong with it. */
export async function openOnnxSession(
  file: string,
  displayName: string,
  intraOpThreads = 1,
): Promise<InferenceSession> {
  if (!fs.existsSync(file)) throw new ModelLoadError(displayName, 'missing (expected the exported ONNX graph here)');
  try {
    return await ort().InferenceSession.create(file, {
      intraOpNumThreads: intraOpThreads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new ModelLoadError(
      displayName,
      `onnxruntime cannot load it (${e instanceof Error ? e.message.split('\n')[0] : e})`,
    );
  }
}

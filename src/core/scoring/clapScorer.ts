// Audio–text scorer for ClapModel folders (CLAP score for text-to-audio): the score of a response clip is
// `logits_per_audio` against the caption (prompt text, then the criterion).
import fs from 'node:fs';
import path from 'node:path';
import { clapFeatures, decodeWav, parseClapFeatureConfig, type Audio, type ClapFeatureConfig } from './audioProcessor';
import { ContrastiveModel } from './contrastiveModel';
import { decodeAudioWithFfmpeg } from './ffmpegWasm';
import { captionOf, findMedia, mediaName, readMediaBytes } from './mediaInput';
import { onnxFileOf, type LoadOptions, type ModelFolder } from './modelFolderReader';
import { ModelLoadError, type ScoreInput, type ScoreResult, type Scorer, type ScorerInfo } from './scorer';
import { encode, loadTokenizer, type LoadedTokenizer } from './tokenizerLoader';

/** Clips per onnxruntime call (a 10 s clip is 256 KB of features). */
const MEDIA_CHUNK = 8;

interface Prepared {
  features?: Float32Array;
  textIndex?: number;
  error?: string;
}

/** WAV is read natively (exactly as Python's wave module does); any other format goes through ffmpeg.wasm. */
export async function decodeAudio(bytes: Uint8Array): Promise<Audio> {
  const isWav =
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...bytes.subarray(8, 12)) === 'WAVE';
  return isWav ? decodeWav(bytes) : decodeAudioWithFfmpeg(bytes);
}

export class ClapScorer implements Scorer {
  private constructor(
    readonly info: ScorerInfo,
    private readonly model: ContrastiveModel,
    private readonly tokenizer: LoadedTokenizer,
    private readonly maxLength: number,
    readonly features: ClapFeatureConfig,
  ) {}

  static async load(folder: ModelFolder, hash: string, opts: LoadOptions = {}): Promise<ClapScorer> {
    const prepPath = path.join(folder.dir, 'preprocessor_config.json');
    if (!fs.existsSync(prepPath))
      throw new ModelLoadError(
        'preprocessor_config.json',
        'missing (a CLAP folder needs its feature extractor settings)',
      );
    let features: ClapFeatureConfig;
    try {
      features = parseClapFeatureConfig(JSON.parse(fs.readFileSync(prepPath, 'utf8')));
    } catch (e) {
      throw new ModelLoadError(
        'preprocessor_config.json',
        e instanceof Error ? e.message.replace(/^preprocessor_config\.json: /, '') : String(e),
      );
    }
    const textConfig = (folder.config.text_config ?? {}) as Record<string, unknown>;
    const tokenizer = loadTokenizer(folder.dir, textConfig);
    const maxLength = folder.manifest.maxLength ?? tokenizer.modelMaxLength ?? 77;
    const onnx = onnxFileOf(folder);
    const model = await ContrastiveModel.create({
      file: path.join(folder.dir, onnx),
      displayName: onnx,
      mediaInput: 'input_features',
      output: folder.manifest.output ?? 'logits_per_audio',
      padId: tokenizer.padId,
      intraOpThreads: opts.intraOpThreads,
    });
    const info: ScorerInfo = {
      id: folder.id,
      kind: 'clap',
      hash,
      template: `CLAP logits_per_audio of the response audio (${features.samplingRate} Hz, ${features.maxSamples / features.samplingRate} s window, ${features.padding}; longer clips cut from the start) against "prompt text + space + criterion", ${maxLength} tokens max`,
      bradleyTerry: false,
      responseModalities: ['audio'],
    };
    return new ClapScorer(info, model, tokenizer, maxLength, features);
  }

  encodeText(text: string): number[] | undefined {
    return encode(this.tokenizer, text, undefined, {
      addSpecialTokens: true,
      maxLength: this.maxLength,
      truncationSide: this.tokenizer.truncationSide,
    });
  }

  /** input_features [1, frames, mel bins] of one audio file's bytes. */
  async featuresOf(bytes: Uint8Array): Promise<Float32Array> {
    return clapFeatures(await decodeAudio(bytes), this.features).features;
  }

  private async prepare(input: ScoreInput, texts: Map<string, number>): Promise<Prepared> {
    const target = findMedia(input, 'audio').find((m) => m.side === 'response');
    if (!target) return { error: 'this CLAP model scores audio responses; the response has no audio' };
    const ids = this.encodeText(captionOf(input));
    if (!ids) return { error: 'the caption cannot be tokenised within the model limit' };
    const bytes = await readMediaBytes(input, target);
    if (!(bytes instanceof Uint8Array)) return bytes;
    let features: Float32Array;
    try {
      features = await this.featuresOf(bytes);
    } catch (e) {
      return { error: `audio ${mediaName(target.media)}: ${e instanceof Error ? e.message : e}` };
    }
    const key = ids.join(',');
    if (!texts.has(key)) texts.set(key, texts.size);
    return { features, textIndex: texts.get(key) };
  }

  async scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]> {
    const texts = new Map<string, number>();
    const prepared = await Promise.all(inputs.map((i) => this.prepare(i, texts)));
    const textIds = [...texts.keys()].map((k) => k.split(',').map(Number));
    const scores = new Array<number | undefined>(inputs.length);
    const ready = prepared.map((p, i) => ({ p, i })).filter(({ p }) => p.features);
    for (let s = 0; s < ready.length; s += MEDIA_CHUNK) {
      const chunk = ready.slice(s, s + MEDIA_CHUNK);
      const size = chunk[0].p.features!.length;
      const media = new Float32Array(chunk.length * size);
      chunk.forEach(({ p }, k) => media.set(p.features!, k * size));
      const logits = await this.model.run(
        media,
        [chunk.length, 1, size / this.features.featureSize, this.features.featureSize],
        textIds,
      );
      chunk.forEach(({ p, i }, k) => (scores[i] = logits[k][p.textIndex!]));
    }
    return prepared.map((p, i) => (p.error !== undefined ? { error: p.error } : { score: scores[i]! }));
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

export const loadClapScorer = (folder: ModelFolder, hash: string, opts: LoadOptions) =>
  ClapScorer.load(folder, hash, opts);

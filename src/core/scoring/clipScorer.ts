// Image–text scorer for CLIPModel folders (PickScore, HPSv2, CLIP-score style): the score of a response image is
// `logits_per_image` against the caption; a video response scores as the mean over sampled frames.
import fs from 'node:fs';
import path from 'node:path';
import { ContrastiveModel } from './contrastiveModel';
import {
  decodeImage,
  parseImageProcessorConfig,
  toPixelValues,
  type ImageProcessorConfig,
  type ResizeBackend,
} from './imageProcessor';
import { captionOf, findMedia, mediaName, readMediaBytes } from './mediaInput';
import { onnxFileOf, type LoadOptions, type ModelFolder } from './modelFolderReader';
import { ModelLoadError, type ScoreInput, type ScoreResult, type Scorer, type ScorerInfo } from './scorer';
import { encode, loadTokenizer, type LoadedTokenizer } from './tokenizerLoader';
import { decodeVideoFrames, VIDEO_FRAMES } from './videoFrames';

/** Images per onnxruntime call: bounds memory (a 224² image is 600 KB of floats) while keeping batches useful. */
const MEDIA_CHUNK = 16;

export interface ClipOptions extends LoadOptions {
  /** Which Python resize to reproduce (manifest `imageResize`); default torchvision = transformers' default. */
  resize?: ResizeBackend;
  /** Frames sampled from a video response (manifest `videoFrames`). */
  videoFrames?: number;
}

interface Prepared {
  /** Rows of pixel values (one per image or video frame), or why this input cannot be scored. */
  pixels?: Float32Array[];
  textIndex?: number;
  error?: string;
}

export class ClipScorer implements Scorer {
  private constructor(
    readonly info: ScorerInfo,
    private readonly model: ContrastiveModel,
    private readonly tokenizer: LoadedTokenizer,
    private readonly maxLength: number,
    private readonly processor: ImageProcessorConfig,
    private readonly resize: ResizeBackend,
    private readonly frames: number,
  ) {}

  static async load(folder: ModelFolder, hash: string, opts: ClipOptions = {}): Promise<ClipScorer> {
    const manifest = folder.manifest as ModelFolder['manifest'] & { imageResize?: ResizeBackend; videoFrames?: number };
    const prepPath = path.join(folder.dir, 'preprocessor_config.json');
    if (!fs.existsSync(prepPath))
      throw new ModelLoadError(
        'preprocessor_config.json',
        'missing (a CLIP folder needs its image processor settings)',
      );
    let processor: ImageProcessorConfig;
    try {
      processor = parseImageProcessorConfig(JSON.parse(fs.readFileSync(prepPath, 'utf8')));
    } catch (e) {
      throw new ModelLoadError(
        'preprocessor_config.json',
        e instanceof Error ? e.message.replace(/^preprocessor_config\.json: /, '') : String(e),
      );
    }
    const textConfig = (folder.config.text_config ?? {}) as Record<string, unknown>;
    const tokenizer = loadTokenizer(folder.dir, textConfig);
    const maxLength =
      folder.manifest.maxLength ??
      tokenizer.modelMaxLength ??
      (textConfig.max_position_embeddings as number | undefined) ??
      77;
    const onnx = onnxFileOf(folder);
    const model = await ContrastiveModel.create({
      file: path.join(folder.dir, onnx),
      displayName: onnx,
      mediaInput: 'pixel_values',
      output: folder.manifest.output ?? 'logits_per_image',
      padId: tokenizer.padId,
      intraOpThreads: opts.intraOpThreads,
    });
    const resize = opts.resize ?? manifest.imageResize ?? 'torchvision';
    const frames = opts.videoFrames ?? manifest.videoFrames ?? VIDEO_FRAMES;
    const info: ScorerInfo = {
      id: folder.id,
      kind: 'clip',
      hash,
      template: `CLIP logits_per_image of the response image (video: mean over ${frames} frames) against "prompt text + space + criterion", ${maxLength} tokens max; ${resize} resize`,
      bradleyTerry: false,
      responseModalities: ['image', 'video'],
    };
    return new ClipScorer(info, model, tokenizer, maxLength, processor, resize, frames);
  }

  /** Token ids of a caption as the Python tokenizer gives them (special tokens, truncation at the model's limit). */
  encodeText(text: string): number[] | undefined {
    return encode(this.tokenizer, text, undefined, {
      addSpecialTokens: true,
      maxLength: this.maxLength,
      truncationSide: this.tokenizer.truncationSide,
    });
  }

  /** pixel_values [3, H, W] of one image file's bytes. */
  async pixelValues(bytes: Uint8Array): Promise<Float32Array> {
    return toPixelValues(await decodeImage(bytes), this.processor, this.resize);
  }

  private async prepare(input: ScoreInput, texts: Map<string, number>): Promise<Prepared> {
    const images = findMedia(input, 'image').filter((m) => m.side === 'response');
    const videos = findMedia(input, 'video').filter((m) => m.side === 'response');
    const target = images[0] ?? videos[0];
    if (!target) return { error: 'this CLIP model scores image or video responses; the response has neither' };
    const caption = captionOf(input);
    const ids = this.encodeText(caption);
    if (!ids) return { error: 'the caption cannot be tokenised within the model limit' };
    const bytes = await readMediaBytes(input, target);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const textIndex = () => {
      const key = ids.join(',');
      if (!texts.has(key)) texts.set(key, texts.size);
      return texts.get(key);
    };
    try {
      if (target.media.modality === 'image') return { pixels: [await this.pixelValues(bytes)], textIndex: textIndex() };
      const frames = await decodeVideoFrames(bytes, this.frames);
      return { pixels: frames.map((f) => toPixelValues(f, this.processor, this.resize)), textIndex: textIndex() };
    } catch (e) {
      return { error: `${target.media.modality} ${mediaName(target.media)}: ${e instanceof Error ? e.message : e}` };
    }
  }

  async scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]> {
    const texts = new Map<string, number>();
    const prepared = await Promise.all(inputs.map((i) => this.prepare(i, texts)));
    const textIds = [...texts.keys()].map((k) => k.split(',').map(Number));
    // Flatten every image/frame, remember which input and text it belongs to, run in chunks.
    const rows: { input: number; text: number; pixels: Float32Array }[] = [];
    prepared.forEach((p, i) => p.pixels?.forEach((px) => rows.push({ input: i, text: p.textIndex!, pixels: px })));
    const sums = new Float64Array(inputs.length);
    const counts = new Int32Array(inputs.length);
    const { height, width } = this.processor.cropSize;
    for (let s = 0; s < rows.length; s += MEDIA_CHUNK) {
      const chunk = rows.slice(s, s + MEDIA_CHUNK);
      const size = 3 * height * width;
      const media = new Float32Array(chunk.length * size);
      chunk.forEach((r, k) => media.set(r.pixels, k * size));
      const logits = await this.model.run(media, [chunk.length, 3, height, width], textIds);
      chunk.forEach((r, k) => {
        sums[r.input] += logits[k][r.text];
        counts[r.input]++;
      });
    }
    return prepared.map((p, i) =>
      p.error !== undefined
        ? { error: p.error }
        : counts[i]
          ? { score: sums[i] / counts[i] }
          : { error: 'no frames decoded' },
    );
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

export const loadClipScorer = (folder: ModelFolder, hash: string, opts: LoadOptions) =>
  ClipScorer.load(folder, hash, opts);

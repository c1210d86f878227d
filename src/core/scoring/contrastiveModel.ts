// A CLIP/CLAP-style ONNX graph: token ids of T texts and M media tensors in, a [M, T] logits matrix out.
import type { InferenceSession as Session, Tensor as TensorT } from 'onnxruntime-node';
import { ModelLoadError } from './scorer';
import { openOnnxSession, ort } from './onnxSession';

export interface ContrastiveModelOptions {
  /** Absolute path of the .onnx file, and its folder-relative name for messages. */
  file: string;
  displayName: string;
  /** The media input (`pixel_values`, `input_features`) and the [media, text] output (`logits_per_image`, …). */
  mediaInput: string;
  output: string;
  padId: number;
  intraOpThreads?: number;
}

export class ContrastiveModel {
  private constructor(
    private readonly session: Session,
    private readonly opts: ContrastiveModelOptions,
    private readonly hasMask: boolean,
  ) {}

  /** Opens the graph and checks it has the inputs and output this kind of scorer feeds and reads. */
  static async create(opts: ContrastiveModelOptions): Promise<ContrastiveModel> {
    const file = opts.displayName;
    const session = await openOnnxSession(opts.file, file, opts.intraOpThreads);
    const inputs = session.inputNames;
    for (const need of ['input_ids', opts.mediaInput])
      if (!inputs.includes(need))
        throw new ModelLoadError(
          file,
          `has no input \`${need}\` (inputs: ${inputs.join(', ')}); export the full model, not one tower`,
        );
    const extra = inputs.filter((i) => !['input_ids', 'attention_mask', opts.mediaInput].includes(i));
    if (extra.length)
      throw new ModelLoadError(
        file,
        `needs inputs this scorer does not provide: ${extra.map((x) => `\`${x}\``).join(', ')}`,
      );
    if (!session.outputNames.includes(opts.output))
      throw new ModelLoadError(file, `has no output \`${opts.output}\` (outputs: ${session.outputNames.join(', ')})`);
    return new ContrastiveModel(session, opts, inputs.includes('attention_mask'));
  }

  /**
   * Logits of every media item against every text: `media` is M items of `mediaDims` each (concatenated),
   * `texts` T token-id lists, right-padded with the pad id. Returns a [M][T] matrix.
   */
  async run(media: Float32Array, mediaDims: number[], texts: number[][]): Promise<number[][]> {
    const { Tensor } = ort();
    const m = mediaDims[0];
    const t = texts.length;
    const len = Math.max(1, ...texts.map((s) => s.length));
    const ids = new BigInt64Array(t * len).fill(BigInt(this.opts.padId));
    const mask = new BigInt64Array(t * len);
    texts.forEach((s, r) => {
      for (let c = 0; c < s.length; c++) {
        ids[r * len + c] = BigInt(s[c]);
        mask[r * len + c] = 1n;
      }
    });
    const feeds: Record<string, TensorT> = {
      input_ids: new Tensor('int64', ids, [t, len]),
      [this.opts.mediaInput]: new Tensor('float32', media, mediaDims),
    };
    if (this.hasMask) feeds.attention_mask = new Tensor('int64', mask, [t, len]);
    const out = (await this.session.run(feeds, [this.opts.output]))[this.opts.output];
    const data = out.data as Float32Array;
    if (data.length !== m * t)
      throw new Error(
        `${this.opts.displayName}: \`${this.opts.output}\` has ${data.length} values, expected ${m}×${t}`,
      );
    return Array.from({ length: m }, (_, i) => Array.from(data.subarray(i * t, (i + 1) * t)));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

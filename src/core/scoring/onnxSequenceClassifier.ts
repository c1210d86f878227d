// One-label sequence classifier in onnxruntime-node: pads a batch of token ids dynamically, returns logits[:, index].
import fs from 'node:fs';
import type { InferenceSession as Session, Tensor as TensorT } from 'onnxruntime-node';
import { ModelLoadError } from './scorer';
import { openOnnxSession, ort } from './onnxSession';

export interface SequenceClassifierOptions {
  /** Absolute path of the .onnx file. */
  file: string;
  /** Folder-relative name for messages ("onnx/model.onnx"). */
  displayName: string;
  padId: number;
  paddingSide: 'left' | 'right';
  intraOpThreads?: number;
  /** Input names when they differ from input_ids / attention_mask / token_type_ids / position_ids. */
  inputNames?: { inputIds?: string; attentionMask?: string; tokenTypeIds?: string; positionIds?: string };
  /** Output tensor (default `logits`, else the only output) and the column to read (default 0, only when 1 label). */
  output?: string;
  outputIndex?: number;
}

export class OnnxSequenceClassifier {
  private constructor(
    private readonly session: Session,
    private readonly opts: SequenceClassifierOptions,
    private readonly names: { ids: string; mask?: string; types?: string; positions?: string; output: string },
    private readonly int32: boolean,
    private readonly index: number,
  ) {}

  /** Opens the graph and checks its inputs and outputs with a one-token probe, so a bad model fails at load. */
  static async create(opts: SequenceClassifierOptions): Promise<OnnxSequenceClassifier> {
    const file = opts.displayName;
    if (!fs.existsSync(opts.file)) throw new ModelLoadError(file, 'missing (expected the exported ONNX graph here)');
    const head = Buffer.alloc(16);
    const fd = fs.openSync(opts.file, 'r');
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
    // An ONNX file is a protobuf ModelProto: it starts with field 1 (ir_version, varint) = 0x08.
    if (head[0] !== 0x08)
      throw new ModelLoadError(file, 'is not an ONNX model (a git-lfs pointer, safetensors or a PyTorch checkpoint?)');
    const session = await openOnnxSession(opts.file, file, opts.intraOpThreads);
    const inputs = session.inputNames;
    const n = opts.inputNames ?? {};
    const pick = (want: string | undefined, dflt: string) => want ?? (inputs.includes(dflt) ? dflt : undefined);
    const names = {
      ids: n.inputIds ?? 'input_ids',
      mask: pick(n.attentionMask, 'attention_mask'),
      types: pick(n.tokenTypeIds, 'token_type_ids'),
      positions: pick(n.positionIds, 'position_ids'),
      output: opts.output ?? (session.outputNames.includes('logits') ? 'logits' : session.outputNames[0]),
    };
    const known = [names.ids, names.mask, names.types, names.positions].filter((x): x is string => !!x);
    if (!inputs.includes(names.ids))
      throw new ModelLoadError(
        file,
        `has no input \`${names.ids}\` (inputs: ${inputs.join(', ')}); set inputNames in reward-lens.json`,
      );
    const unknown = inputs.filter((i) => !known.includes(i));
    if (unknown.length)
      throw new ModelLoadError(
        file,
        `needs inputs a sequence classifier does not have: ${unknown.map((u) => `\`${u}\``).join(', ')} (export it without past key values)`,
      );
    for (const k of known)
      if (!inputs.includes(k)) throw new ModelLoadError(file, `has no input \`${k}\` (inputs: ${inputs.join(', ')})`);
    if (!session.outputNames.includes(names.output))
      throw new ModelLoadError(file, `has no output \`${names.output}\` (outputs: ${session.outputNames.join(', ')})`);
    const meta = session.inputMetadata?.find?.((m) => m.name === names.ids) as { type?: string } | undefined;
    const int32 = meta?.type === 'int32';
    const clf = new OnnxSequenceClassifier(session, opts, names, int32, opts.outputIndex ?? 0);
    let width: number;
    try {
      width = (await clf.runRaw([[opts.padId]])).width;
    } catch (e) {
      throw new ModelLoadError(file, `fails on a probe input (${e instanceof Error ? e.message.split('\n')[0] : e})`);
    }
    if (opts.outputIndex === undefined && width !== 1)
      throw new ModelLoadError(
        file,
        `\`${names.output}\` has ${width} values per sequence; a reward model has one label (set outputIndex in reward-lens.json to pick one)`,
      );
    if (clf.index >= width)
      throw new ModelLoadError(
        file,
        `outputIndex ${clf.index} is out of range: \`${names.output}\` has ${width} values`,
      );
    return clf;
  }

  private async runRaw(seqs: number[][]): Promise<{ data: Float32Array; width: number }> {
    const { Tensor } = ort();
    const batch = seqs.length;
    const len = Math.max(1, ...seqs.map((s) => s.length));
    const size = batch * len;
    const ids = this.int32 ? new Int32Array(size) : new BigInt64Array(size);
    const mask = this.int32 ? new Int32Array(size) : new BigInt64Array(size);
    const positions = this.int32 ? new Int32Array(size) : new BigInt64Array(size);
    const pad = this.int32 ? this.opts.padId : BigInt(this.opts.padId);
    const one = this.int32 ? 1 : 1n;
    seqs.forEach((s, r) => {
      const offset = this.opts.paddingSide === 'left' ? len - s.length : 0;
      for (let c = 0; c < len; c++) {
        const i = c - offset;
        const at = r * len + c;
        if (i >= 0 && i < s.length) {
          ids[at] = this.int32 ? s[i] : BigInt(s[i]);
          mask[at] = one;
          positions[at] = this.int32 ? i : BigInt(i);
        } else ids[at] = pad;
      }
    });
    const type = this.int32 ? 'int32' : 'int64';
    const dims = [batch, len];
    const feeds: Record<string, TensorT> = { [this.names.ids]: new Tensor(type, ids, dims) };
    if (this.names.mask) feeds[this.names.mask] = new Tensor(type, mask, dims);
    if (this.names.types)
      feeds[this.names.types] = new Tensor(type, this.int32 ? new Int32Array(size) : new BigInt64Array(size), dims);
    if (this.names.positions) feeds[this.names.positions] = new Tensor(type, positions, dims);
    const out = (await this.session.run(feeds, [this.names.output]))[this.names.output];
    const data = out.data as Float32Array;
    return { data, width: data.length / batch };
  }

  /** Scores of a batch of token-id sequences, padded to the longest of them. */
  async run(seqs: number[][]): Promise<number[]> {
    if (seqs.length === 0) return [];
    const { data, width } = await this.runRaw(seqs);
    return seqs.map((_, r) => data[r * width + this.index]);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

// A text reward model: a model folder's tokenizer + template + one-label ONNX sequence classifier, as a Scorer.
import path from 'node:path';
import { onnxFileOf, type LoadOptions, type ModelFolder } from './modelFolderReader';
import { OnnxSequenceClassifier } from './onnxSequenceClassifier';
import type { Scorer, ScoreInput, ScoreResult } from './scorer';
import { createTextEncoder, type TextEncoder } from './textInputs';
import { loadTokenizer } from './tokenizerLoader';

export class TextRewardModel implements Scorer {
  constructor(
    readonly info: Scorer['info'],
    readonly encoder: TextEncoder,
    private readonly classifier: OnnxSequenceClassifier,
  ) {}

  /** Token ids of each input (or its error): the worker pool sorts and batches on these. */
  encodeAll(inputs: ScoreInput[]): ({ ids: number[] } | { error: string })[] {
    return inputs.map((input) => {
      try {
        return this.encoder.encode(input);
      } catch (e) {
        return { error: `cannot build the model input: ${e instanceof Error ? e.message : e}` };
      }
    });
  }

  /** Scores pre-tokenised sequences in one padded batch. */
  runIds(seqs: number[][]): Promise<number[]> {
    return this.classifier.run(seqs);
  }

  async scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]> {
    const encoded = this.encodeAll(inputs);
    const ok = encoded.flatMap((e, i) => ('ids' in e ? [{ i, ids: e.ids }] : []));
    const scores = await this.classifier.run(ok.map((o) => o.ids));
    const results: ScoreResult[] = encoded.map((e) => ('error' in e ? { error: e.error } : { score: NaN }));
    ok.forEach((o, k) => (results[o.i] = { score: scores[k] }));
    return results;
  }

  dispose(): Promise<void> {
    return this.classifier.dispose();
  }
}

export async function createTextRewardModel(
  folder: ModelFolder,
  hash: string,
  opts: LoadOptions,
): Promise<TextRewardModel> {
  const m = folder.manifest;
  const tok = loadTokenizer(folder.dir, folder.config);
  const positions =
    typeof folder.config.max_position_embeddings === 'number' ? folder.config.max_position_embeddings : undefined;
  const maxLength = m.maxLength ?? tok.modelMaxLength ?? positions ?? 512;
  const encoder = createTextEncoder(tok, {
    kind: m.template,
    chatTemplate: m.chatTemplate,
    maxLength,
    truncationSide: m.truncationSide ?? tok.truncationSide,
  });
  const onnx = onnxFileOf(folder);
  const classifier = await OnnxSequenceClassifier.create({
    file: path.join(folder.dir, onnx),
    displayName: onnx,
    padId: tok.padId,
    paddingSide: tok.paddingSide,
    intraOpThreads: opts.intraOpThreads,
    inputNames: m.inputNames,
    output: m.output,
    outputIndex: m.outputIndex,
  });
  return new TextRewardModel(
    {
      id: folder.id,
      kind: 'sequence-classifier',
      hash,
      template: encoder.description,
      bradleyTerry: m.bradleyTerry ?? true,
      responseModalities: ['text'],
    },
    encoder,
    classifier,
  );
}

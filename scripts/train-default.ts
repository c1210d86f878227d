// Trains Reward Lens's default model: a Bradley–Terry bag-of-tokens reward model on the real preference pairs in
// ../shared/data, with a fixed-seed held-out split, and exports it as a one-label ONNX sequence classifier.
// Run: `npm run train:default` (deterministic: the same data give byte-identical files and the same accuracies).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Tokenizer } from '@huggingface/tokenizers';
import { writeBagOfTokensOnnx } from './onnx/bagOfTokensGraph';

export const SEED = 20261126;
export const TEST_FRACTION = 0.2;
/** Held out of the training split to choose λ; the final model is then fit on the whole training split. */
export const VALIDATION_FRACTION = 0.2;
export const LAMBDAS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2];
/** Long enough that no preference in the data is truncated, so the criterion can never shorten a response. */
export const MAX_LENGTH = 8192;

export type Source = 'hh-rlhf' | 'rm-bench' | 'omnireward';

export interface PreferencePairText {
  source: Source;
  /** Pairs with the same group (one source record) always land in the same split. */
  group: string;
  prompt: string;
  chosen: string;
  rejected: string;
}

/** Reads the three preference sets; `dataRoot` is ../shared/data relative to the repository root. */
export function loadPreferences(dataRoot: string): PreferencePairText[] {
  const pairs: PreferencePairText[] = [];
  // hh-rlhf: full transcripts; the response is the last assistant turn, the prompt what precedes it.
  const hh = zlib
    .gunzipSync(fs.readFileSync(path.join(dataRoot, 'hh-rlhf-harmless-base-test/harmless-base-test.jsonl.gz')))
    .toString('utf8');
  hh.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const r = JSON.parse(line) as { chosen: string; rejected: string };
    const split = (t: string) => {
      const at = t.lastIndexOf('\n\nAssistant:');
      return { prompt: t.slice(0, at), response: t.slice(at + '\n\nAssistant:'.length).trim() };
    };
    const c = split(r.chosen);
    const j = split(r.rejected);
    pairs.push({
      source: 'hh-rlhf',
      group: `hh:${i}`,
      prompt: c.prompt.trim(),
      chosen: c.response,
      rejected: j.response,
    });
  });
  // RM-Bench chat: every chosen style against every rejected style (its 3×3 evaluation), one group per record.
  const rm = JSON.parse(fs.readFileSync(path.join(dataRoot, 'rm-bench-chat/chat_filtered.json'), 'utf8')) as {
    id: number;
    prompt: string;
    chosen: string[];
    rejected: string[];
  }[];
  for (const r of rm)
    r.chosen.forEach((c) =>
      r.rejected.forEach((j) =>
        pairs.push({ source: 'rm-bench', group: `rm:${r.id}`, prompt: r.prompt, chosen: c, rejected: j }),
      ),
    );
  // OmniReward-Factory dpo_en_demo: sharegpt conversations, chosen/rejected replies.
  const om = JSON.parse(
    fs.readFileSync(path.join(dataRoot, 'omnireward-factory-dpo-en-demo/dpo_en_demo.json'), 'utf8'),
  ) as { conversations: { from: string; value: string }[]; chosen: { value: string }; rejected: { value: string } }[];
  om.forEach((r, i) =>
    pairs.push({
      source: 'omnireward',
      group: `om:${i}`,
      prompt: r.conversations.map((t) => t.value).join('\n\n'),
      chosen: r.chosen.value,
      rejected: r.rejected.value,
    }),
  );
  return pairs;
}

/** mulberry32: a tiny seeded generator, so the split is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits by group, per source (stratified): each source keeps `fraction` of its records on the second side. */
export function splitByGroup<T extends { source: string; group: string }>(
  items: T[],
  fraction: number,
  seed: number,
): [T[], T[]] {
  const random = rng(seed);
  const bySource = new Map<string, string[]>();
  for (const it of items) {
    const groups = bySource.get(it.source) ?? [];
    if (!groups.includes(it.group)) groups.push(it.group);
    bySource.set(it.source, groups);
  }
  const held = new Set<string>();
  for (const source of [...bySource.keys()].sort()) {
    const groups = bySource.get(source)!;
    for (let i = groups.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [groups[i], groups[j]] = [groups[j], groups[i]];
    }
    groups.slice(0, Math.round(groups.length * fraction)).forEach((g) => held.add(g));
  }
  return [items.filter((it) => !held.has(it.group)), items.filter((it) => held.has(it.group))];
}

/** The bag-of-tokens reward: mean token weight over the response plus a log-length term. */
export interface BagOfTokensModel {
  weights: Float64Array;
  lengthWeight: number;
}

/** Score of one response's token ids (special tokens already removed), exactly what the ONNX graph computes. */
export function scoreTokens(model: BagOfTokensModel, ids: number[]): number {
  let sum = 0;
  for (const id of ids) sum += model.weights[id];
  return sum / Math.max(ids.length, 1) + model.lengthWeight * Math.log(1 + ids.length);
}

/** A pair as sparse feature differences: chosen − rejected of (mean token counts, log(1 + length)). */
interface PairFeatures {
  index: Int32Array;
  value: Float64Array;
  length: number;
}

export interface TokenizedPair {
  source: Source;
  chosen: number[];
  rejected: number[];
}

export function tokenizeResponse(tokenizer: Tokenizer, text: string): number[] {
  return tokenizer.encode(text, { add_special_tokens: false }).ids;
}

function features(p: TokenizedPair): PairFeatures {
  const acc = new Map<number, number>();
  for (const id of p.chosen) acc.set(id, (acc.get(id) ?? 0) + 1 / Math.max(p.chosen.length, 1));
  for (const id of p.rejected) acc.set(id, (acc.get(id) ?? 0) - 1 / Math.max(p.rejected.length, 1));
  const keys = [...acc.keys()].sort((a, b) => a - b);
  return {
    index: Int32Array.from(keys),
    value: Float64Array.from(keys.map((k) => acc.get(k)!)),
    length: Math.log(1 + p.chosen.length) - Math.log(1 + p.rejected.length),
  };
}

/**
 * Logistic regression on the margins (Bradley–Terry): minimise mean log(1 + e^−margin) + λ/2·‖θ‖², θ = (w, a),
 * with L-BFGS and a backtracking line search from a zero start. Deterministic.
 */
export function trainBradleyTerry(
  pairs: TokenizedPair[],
  vocabSize: number,
  lambda: number,
  maxIter = 400,
): BagOfTokensModel {
  const feats = pairs.map(features);
  const dim = vocabSize + 1;
  const n = feats.length;
  const lossGrad = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (const f of feats) {
      let m = theta[vocabSize] * f.length;
      for (let k = 0; k < f.index.length; k++) m += theta[f.index[k]] * f.value[k];
      // log(1 + e^−m) and its derivative −σ(−m), computed stably.
      loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
      const g = -1 / (1 + Math.exp(m)) / n;
      for (let k = 0; k < f.index.length; k++) grad[f.index[k]] += g * f.value[k];
      grad[vocabSize] += g * f.length;
    }
    loss /= n;
    for (let i = 0; i < dim; i++) {
      loss += 0.5 * lambda * theta[i] * theta[i];
      grad[i] += lambda * theta[i];
    }
    return loss;
  };
  const theta = new Float64Array(dim);
  const grad = new Float64Array(dim);
  let loss = lossGrad(theta, grad);
  const memory: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
  for (let iter = 0; iter < maxIter; iter++) {
    // Two-loop recursion for the L-BFGS direction.
    const q = Float64Array.from(grad);
    const alphas: number[] = [];
    for (let i = memory.length - 1; i >= 0; i--) {
      const a = memory[i].rho * dot(memory[i].s, q);
      alphas[i] = a;
      for (let k = 0; k < dim; k++) q[k] -= a * memory[i].y[k];
    }
    const last = memory[memory.length - 1];
    const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1;
    for (let k = 0; k < dim; k++) q[k] *= gamma;
    for (let i = 0; i < memory.length; i++) {
      const b = memory[i].rho * dot(memory[i].y, q);
      for (let k = 0; k < dim; k++) q[k] += memory[i].s[k] * (alphas[i] - b);
    }
    const slope = -dot(grad, q);
    if (!(slope < 0)) break;
    let step = 1;
    const next = new Float64Array(dim);
    const nextGrad = new Float64Array(dim);
    let nextLoss = Infinity;
    for (let tries = 0; tries < 30; tries++, step /= 2) {
      for (let k = 0; k < dim; k++) next[k] = theta[k] - step * q[k];
      nextLoss = lossGrad(next, nextGrad);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
    }
    if (!(nextLoss < loss)) break;
    const s = new Float64Array(dim);
    const y = new Float64Array(dim);
    for (let k = 0; k < dim; k++) {
      s[k] = next[k] - theta[k];
      y[k] = nextGrad[k] - grad[k];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      memory.push({ s, y, rho: 1 / sy });
      if (memory.length > 10) memory.shift();
    }
    const improvement = loss - nextLoss;
    theta.set(next);
    grad.set(nextGrad);
    loss = nextLoss;
    if (improvement < 1e-10) break;
  }
  return { weights: theta.slice(0, vocabSize), lengthWeight: theta[vocabSize] };
}

export interface Accuracy {
  pairs: number;
  correct: number;
  accuracy: number;
}

/** Pairwise accuracy: the chosen response must score strictly higher (a tie counts as wrong). */
export function evaluate(
  model: BagOfTokensModel,
  pairs: TokenizedPair[],
): { overall: Accuracy; bySource: Record<string, Accuracy> } {
  const tally = (ps: TokenizedPair[]): Accuracy => {
    const correct = ps.filter((p) => scoreTokens(model, p.chosen) > scoreTokens(model, p.rejected)).length;
    return { pairs: ps.length, correct, accuracy: ps.length ? correct / ps.length : NaN };
  };
  const bySource: Record<string, Accuracy> = {};
  for (const s of [...new Set(pairs.map((p) => p.source))].sort())
    bySource[s] = tally(pairs.filter((p) => p.source === s));
  return { overall: tally(pairs), bySource };
}

export interface TrainingResult {
  model: BagOfTokensModel;
  lambda: number;
  validation: { lambda: number; accuracy: number }[];
  counts: { train: number; test: number; trainBySource: Record<string, number>; testBySource: Record<string, number> };
  test: ReturnType<typeof evaluate>;
  train: ReturnType<typeof evaluate>;
  /** Held-out accuracy of the length-only baseline (longer response wins), for scale. */
  longerWinsTest: number;
}

/** The whole recipe: load, split, pick λ on a validation part of the training split, fit, evaluate on the test split. */
export function trainDefault(dataRoot: string, tokenizerFile: string): TrainingResult {
  const tokenizer = new Tokenizer(JSON.parse(fs.readFileSync(tokenizerFile, 'utf8')), {});
  const vocabSize = tokenizer.get_vocab(true).size;
  const raw = loadPreferences(dataRoot);
  const tokenized = raw.map((p) => ({
    source: p.source,
    group: p.group,
    chosen: tokenizeResponse(tokenizer, p.chosen),
    rejected: tokenizeResponse(tokenizer, p.rejected),
  }));
  const [train, test] = splitByGroup(tokenized, TEST_FRACTION, SEED);
  const [fit, validation] = splitByGroup(train, VALIDATION_FRACTION, SEED + 1);
  const scores = LAMBDAS.map((lambda) => ({
    lambda,
    accuracy: evaluate(trainBradleyTerry(fit, vocabSize, lambda), validation).overall.accuracy,
  }));
  // The best validation accuracy; among equals the strongest regularisation.
  const best = scores.reduce((b, s) =>
    s.accuracy > b.accuracy || (s.accuracy === b.accuracy && s.lambda > b.lambda) ? s : b,
  );
  const model = trainBradleyTerry(train, vocabSize, best.lambda);
  const count = (ps: TokenizedPair[]) =>
    Object.fromEntries(
      [...new Set(ps.map((p) => p.source))].sort().map((s) => [s, ps.filter((p) => p.source === s).length]),
    );
  return {
    model,
    lambda: best.lambda,
    validation: scores,
    counts: { train: train.length, test: test.length, trainBySource: count(train), testBySource: count(test) },
    test: evaluate(model, test),
    train: evaluate(model, train),
    longerWinsTest: test.filter((p) => p.chosen.length > p.rejected.length).length / test.length,
  };
}

/** The `k` tokens with the largest and the smallest weights. */
export function topTokens(
  model: BagOfTokensModel,
  tokenizer: Tokenizer,
  k: number,
): { positive: [string, number][]; negative: [string, number][] } {
  const entries = [...model.weights.entries()]
    .filter(([, w]) => w !== 0)
    .map(([id, w]) => [tokenizer.id_to_token(id) ?? `#${id}`, w] as [string, number]);
  entries.sort((a, b) => b[1] - a[1]);
  return { positive: entries.slice(0, k), negative: entries.slice(-k).reverse() };
}

/** The weights as they ship: float32, like the ONNX initializers. Accuracies are reported for these. */
export function toFloat32(model: BagOfTokensModel): BagOfTokensModel {
  return {
    weights: Float64Array.from(Float32Array.from(model.weights)),
    lengthWeight: Math.fround(model.lengthWeight),
  };
}

/** The held-out split of the shipped data, tokenised: what the card's accuracy is measured on. */
export function heldOutPairs(dataRoot: string, tokenizer: Tokenizer): TokenizedPair[] {
  const tokenized = loadPreferences(dataRoot).map((p) => ({
    source: p.source,
    group: p.group,
    chosen: tokenizeResponse(tokenizer, p.chosen),
    rejected: tokenizeResponse(tokenizer, p.rejected),
  }));
  return splitByGroup(tokenized, TEST_FRACTION, SEED)[1];
}

const pct = (a: { accuracy: number }) => `${(100 * a.accuracy).toFixed(1)}%`;

/** The line of the card that states the held-out accuracy (tests read it back). */
export function accuracyLine(a: Accuracy): string {
  return `**Held-out accuracy: ${pct(a)}** (${a.correct} of ${a.pairs} test pairs)`;
}

function modelCard(r: TrainingResult, test: ReturnType<typeof evaluate>, top: ReturnType<typeof topTokens>): string {
  const row = (s: string, a: Accuracy, n: number) => `| ${s} | ${n} | ${a.pairs} | ${pct(a)} |`;
  const tok = (t: [string, number][]) => t.map(([s, w]) => `\`${s.replace(/`/g, "'")}\` (${w.toFixed(2)})`).join(', ');
  const sources: Record<string, string> = {
    'hh-rlhf': 'hh-rlhf harmless-base test (Anthropic, MIT): last assistant turn of `chosen` vs `rejected`',
    'rm-bench':
      'RM-Bench chat (THU-KEG, ODC-BY per its dataset card): each of the 3 chosen styles vs each of the 3 rejected styles',
    omnireward: 'OmniReward-Factory `dpo_en_demo` (Apache-2.0): `chosen` vs `rejected` reply',
  };
  return `# Reward Lens default model — a bag-of-tokens Bradley–Terry reward model

Generated by \`npm run train:default\` (\`scripts/train-default.ts\`); rerunning it reproduces every file in this
folder and every number below exactly (fixed seed ${SEED}, deterministic L-BFGS, no randomness elsewhere).

## What it is

A linear reward model over the tokens of the response:

    score = mean over response tokens of w[token] ${r.model.lengthWeight < 0 ? '−' : '+'} ${Math.abs(r.model.lengthWeight).toFixed(4)} × log(1 + number of response tokens)

trained as a Bradley–Terry model: logistic regression on score(chosen) − score(rejected) with an L2 penalty
(λ = ${r.lambda}, chosen on a validation part of the training split from ${LAMBDAS.join(', ')}). It is a
baseline to compare real reward models against, not a good judge.

It ships as an ordinary Hugging Face–style folder so it loads through exactly the path any text RM takes:
\`config.json\` (\`BagOfTokensForSequenceClassification\`, one label), \`tokenizer.json\` + \`tokenizer_config.json\`
(no chat template, so inputs are a segment pair: criterion + blank line + prompt, then the response), and
\`onnx/model.onnx\`: \`input_ids\`, \`attention_mask\` (int64 [batch, sequence]) → \`logits\` (float32 [batch, 1]).
The graph gathers one weight per token and averages them over the second segment only (the tokens after the
first \`[SEP]\`, separators excluded), then adds the length term.

**It is blind to criteria and media.** The criterion and the prompt sit in the first segment, which the graph
ignores, so changing the criterion never moves a score (\`model_max_length\` is ${MAX_LENGTH}, so the criterion cannot
make the response be truncated either). It reads text only: a record whose prompt or response is an image,
video or audio is reported as an error for this model, not scored.

## Data and split

| source | train pairs | test pairs | held-out accuracy |
| --- | ---: | ---: | ---: |
${Object.keys(test.bySource)
  .map((s) => row(s, test.bySource[s], r.counts.trainBySource[s]))
  .join('\n')}
| **all** | ${r.counts.train} | ${r.counts.test} | **${pct(test.overall)}** |

${Object.entries(sources)
  .map(([k, v]) => `- \`${k}\`: ${v}.`)
  .join('\n')}

From \`../shared/data\` (see each folder's SOURCE.md). ${(100 * TEST_FRACTION).toFixed(0)}% of each source's records are held out
for testing (seeded shuffle); all pairs made from one record (RM-Bench's nine style pairs) stay on the same side.

${accuracyLine(test.overall)}; a pair counts as correct only when the chosen response scores strictly higher.
Training-split accuracy: ${pct(r.train.overall)}. For scale, "the longer response wins" gets ${pct({ accuracy: r.longerWinsTest })} on the same
test pairs: in these data the preferred response is more often the shorter one, and the length weight is negative.

## What it learned

Highest weights (the response is preferred when it uses them): ${tok(top.positive)}.

Lowest weights: ${tok(top.negative)}.

Mostly the harmlessness signal of hh-rlhf: first-person hedges and refusals ("I", "not", "sorry", "don't know")
are rewarded, eager compliance ("Yes", "You", "here is") is penalised. It cannot check facts: on RM-Bench, where
the rejected answer differs by an injected error, what it gets right comes from wording and style, not from the error.

## Tokenizer provenance

\`tokenizer.json\` is the Unigram tokenizer of \`../shared/fixtures/text-rm-deberta\` (3,000 pieces), trained by
that fixture's \`make_fixtures.py\` on hh-rlhf harmless-base test, RM-Bench chat and MJ-Bench captions, i.e. on the
text (not the labels) of these same sources, test split included. \`tokenizer_config.json\` is that fixture's,
with \`model_max_length\` raised to ${MAX_LENGTH} (the graph has no length limit).

## Licence

The weights are derived from the data above (MIT, ODC-BY, Apache-2.0); the model is distributed with Reward Lens
under Apache-2.0 with those attributions.
`;
}

function main(): void {
  const repo = path.resolve(__dirname, '..');
  const dataRoot = path.resolve(repo, '../shared/data');
  const tokenizerSource = path.resolve(repo, '../shared/fixtures/text-rm-deberta');
  const out = path.join(repo, 'models/default');
  const t0 = Date.now();
  const result = trainDefault(dataRoot, path.join(tokenizerSource, 'tokenizer.json'));
  const tokenizer = new Tokenizer(
    JSON.parse(fs.readFileSync(path.join(tokenizerSource, 'tokenizer.json'), 'utf8')),
    {},
  );
  const shipped = toFloat32(result.model);
  const test = evaluate(shipped, heldOutPairs(dataRoot, tokenizer));
  fs.mkdirSync(path.join(out, 'onnx'), { recursive: true });
  fs.copyFileSync(path.join(tokenizerSource, 'tokenizer.json'), path.join(out, 'tokenizer.json'));
  fs.chmodSync(path.join(out, 'tokenizer.json'), 0o644);
  const tokCfg = JSON.parse(fs.readFileSync(path.join(tokenizerSource, 'tokenizer_config.json'), 'utf8'));
  fs.writeFileSync(
    path.join(out, 'tokenizer_config.json'),
    JSON.stringify({ ...tokCfg, model_max_length: MAX_LENGTH }, null, 2) + '\n',
  );
  const sepId = tokenizer.token_to_id('[SEP]');
  if (sepId === undefined) throw new Error('tokenizer has no [SEP] token');
  fs.writeFileSync(
    path.join(out, 'config.json'),
    JSON.stringify(
      {
        architectures: ['BagOfTokensForSequenceClassification'],
        model_type: 'bag-of-tokens',
        num_labels: 1,
        id2label: { '0': 'reward' },
        label2id: { reward: 0 },
        vocab_size: shipped.weights.length,
        pad_token_id: tokenizer.token_to_id('[PAD]'),
        sep_token_id: sepId,
        reward_lens_training: {
          seed: SEED,
          lambda: result.lambda,
          length_weight: shipped.lengthWeight,
          test_fraction: TEST_FRACTION,
        },
      },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(
    path.join(out, 'reward-lens.json'),
    JSON.stringify({ kind: 'sequence-classifier', template: 'pair', bradleyTerry: true }, null, 2) + '\n',
  );
  writeBagOfTokensOnnx(path.join(out, 'onnx/model.onnx'), {
    weights: Float32Array.from(shipped.weights),
    lengthWeight: shipped.lengthWeight,
    sepId,
  });
  const top = topTokens(shipped, tokenizer, 12);
  fs.writeFileSync(path.join(out, 'README.md'), modelCard(result, test, top));
  process.stderr.write(
    `held-out accuracy ${pct(test.overall)} (${test.overall.correct}/${test.overall.pairs}); ` +
      Object.entries(test.bySource)
        .map(([s, a]) => `${s} ${pct(a)}`)
        .join(', ') +
      `; λ = ${result.lambda} (validation: ${result.validation.map((v) => `${v.lambda} → ${pct(v)}`).join(', ')}); ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

if (require.main === module) main();

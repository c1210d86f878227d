// Multimodal formats: VL-RewardBench, Multimodal RewardBench, MJ-Bench (both spellings), GenAI-Bench,
// Pick-a-Pic v2, HPDv2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genaiBench } from '../../../src/core/dataset/formats/genaiBench';
import { hpdv2 } from '../../../src/core/dataset/formats/hpdv2';
import { mjBench } from '../../../src/core/dataset/formats/mjBench';
import { multimodalRewardBench } from '../../../src/core/dataset/formats/multimodalRewardBench';
import { pickAPic } from '../../../src/core/dataset/formats/pickAPic';
import { vlRewardBench } from '../../../src/core/dataset/formats/vlRewardBench';
import { ctx, editsOf, errorOf, fixtureJson, media, pairOf, PNG_1PX, text } from './helpers';

const b64 = PNG_1PX.toString('base64');

// Shaped as MMInstruction/VL-RewardBench rows; the image is a bytes object as HF exports it.
const VL = {
  id: 'RLAIF-V-Dataset_12',
  query: 'Describe the image in detail.',
  image: { bytes: b64, path: null },
  response: ['A small red square on white.', 'A dog running on a beach.'],
  human_ranking: [0, 1],
  models: ['llava-1.5', 'qwen-vl'],
  judge: 'human',
  rationale: 'The second response hallucinates a dog.',
  query_source: 'RLAIF-V-Dataset',
};

test('VL-RewardBench: query + image bytes as data URI, human_ranking [0,1] = first wins', () => {
  const p = pairOf(vlRewardBench, VL);
  assert.deepEqual(media(p.prompt), ['text', 'image:image/png']);
  assert.equal(p.prompt[1].type === 'media' && p.prompt[1].media.source.kind, 'data');
  assert.equal(text(p.a.parts), 'A small red square on white.');
  assert.equal(p.a.model, 'llava-1.5');
  assert.equal(p.label, 'A');
  assert.equal(pairOf(vlRewardBench, { ...VL, human_ranking: [1, 0] }).label, 'B');
  assert.equal(p.task, 'TI2T');
  assert.equal(p.subset, 'RLAIF-V-Dataset');
  assert.deepEqual(editsOf(vlRewardBench.labelEdits(VL, 'B')), [{ op: 'set', path: ['human_ranking'], value: [1, 0] }]);
  assert.equal(
    errorOf(vlRewardBench.labelEdits(VL, 'tie')),
    'VL-RewardBench ranks one response above the other; `human_ranking` has no tie',
  );
  assert.equal(
    errorOf(vlRewardBench.toPair({ ...VL, human_ranking: 'first' }, ctx())),
    '`human_ranking` must be [0, 1] (the first response wins) or [1, 0] (the second wins); got "first"',
  );
});

test('Multimodal RewardBench: Better names the output that wins; id, image path and category from the real example', () => {
  const [example] = fixtureJson('multimodal-rewardbench-example.jsonl');
  const rec = {
    ID: example.ID,
    Text: 'Write a detailed caption for this image.',
    Image: example.Image,
    Output1: 'A marbled teapot with a flower-shaped handle.',
    Output2: 'A hand-made ceramic teapot with an abstract ornament on an uneven base.',
    Better: example.Label === 'B' ? 'Output2' : 'Output1',
    Category: example.Meta.Category,
  };
  const p = pairOf(multimodalRewardBench, rec);
  assert.equal(p.id, 'nocaps_13062');
  assert.deepEqual(media(p.prompt), ['text', 'image:images/nocaps/13062.jpg']);
  assert.equal(p.label, 'B');
  assert.equal(p.subset, 'open_generation/correctness_task');
  assert.equal(p.task, 'TI2T');
  assert.deepEqual(editsOf(multimodalRewardBench.labelEdits(rec, 'A')), [
    { op: 'set', path: ['Better'], value: 'Output1' },
  ]);
  assert.equal(
    errorOf(multimodalRewardBench.toPair({ ...rec, Better: 'A' }, ctx())),
    '`Better` must be "Output1" or "Output2"; got "A"',
  );
  assert.equal(
    errorOf(multimodalRewardBench.labelEdits(rec, 'tie')),
    'Multimodal RewardBench\'s `Better` names one output ("Output1" or "Output2"); it has no tie',
  );
});

test('MJ-Bench repo spelling (real records): label_0 = 1 means image_0 wins; relabel writes label_0', () => {
  const recs = fixtureJson('mj-bench-captions.json');
  const p = pairOf(mjBench, recs[0]);
  assert.equal(text(p.prompt), 'A large room with a long wooden table and many chairs.');
  assert.deepEqual(media([...p.a.parts, ...p.b.parts]), [
    'image:furniture_0.jpg',
    'image:furniture_0_edited_furniture.jpg',
  ]);
  assert.equal(p.label, 'A');
  assert.equal(p.task, 'T2I');
  assert.equal(pairOf(mjBench, { ...recs[0], label_0: 0 }).label, 'B');
  assert.deepEqual(editsOf(mjBench.labelEdits(recs[0], 'B')), [{ op: 'set', path: ['label_0'], value: 0 }]);
  assert.deepEqual(editsOf(mjBench.labelEdits({ ...recs[0], label_1: 0 }, 'B')), [
    { op: 'set', path: ['label_0'], value: 0 },
    { op: 'set', path: ['label_1'], value: 1 },
  ]);
  assert.equal(
    errorOf(mjBench.toPair({ ...recs[0], label_0: 2 }, ctx())),
    '`label_0` must be 1 (image_0 preferred) or 0 (image_1 preferred); got 2',
  );
  assert.equal(
    errorOf(mjBench.labelEdits(recs[0], 'tie')),
    'MJ-Bench labels name the preferred image; they have no tie',
  );
});

test('MJ-Bench HF spelling: label 0 means image0 wins; image bytes objects; category kept', () => {
  const rec = {
    caption: 'a cat on a mat',
    image0: { bytes: b64, path: 'a.png' },
    image1: { bytes: b64, path: 'b.png' },
    label: 1,
    category: 'safety',
    subcategory: 'toxicity',
  };
  const p = pairOf(mjBench, rec);
  assert.equal(p.label, 'B');
  assert.deepEqual(media(p.a.parts), ['image:image/png']);
  assert.equal(p.subset, 'safety / toxicity');
  assert.equal(pairOf(mjBench, { ...rec, label: 0 }).label, 'A');
  assert.deepEqual(editsOf(mjBench.labelEdits(rec, 'A')), [{ op: 'set', path: ['label'], value: 0 }]);
  assert.equal(
    errorOf(mjBench.toPair({ ...rec, label: 'left' }, ctx())),
    '`label` must be 0 (image0 preferred) or 1 (image1 preferred); got "left"',
  );
});

/** GenAI-Bench HF rows rebuilt from the real judgment log: its prompt and human vote, placeholder images. */
function genai(j: { prompt: string; human_vote: string; idx: number }, video = false) {
  return video
    ? {
        prompt: j.prompt,
        left_video: `videos/${j.idx}_l.mp4`,
        right_video: `videos/${j.idx}_r.mp4`,
        left_model: 'm1',
        right_model: 'm2',
        vote_type: j.human_vote,
        idx: j.idx,
      }
    : {
        prompt: j.prompt,
        left_image: `images/${j.idx}_l.png`,
        right_image: `images/${j.idx}_r.png`,
        left_model: 'm1',
        right_model: 'm2',
        vote_type: j.human_vote,
        idx: j.idx,
      };
}

test('GenAI-Bench: leftvote/rightvote are A/B; tievote and bothbad_vote are ties of two kinds', () => {
  const log = fixtureJson('genai-bench-gpt4o-judgments.jsonl');
  const byVote = Object.fromEntries(log.slice(0, 4).map((j) => [j.human_vote, pairOf(genaiBench, genai(j))]));
  assert.equal(byVote.leftvote.label, 'A');
  assert.equal(byVote.rightvote.label, 'B');
  assert.equal(byVote.tievote.label, 'tie');
  assert.equal(byVote.tievote.tieKind, 'good');
  assert.equal(byVote.bothbad_vote.label, 'tie');
  assert.equal(byVote.bothbad_vote.tieKind, 'bad');
  assert.equal(byVote.leftvote.tieKind, undefined);
  const p = byVote.leftvote;
  assert.equal(text(p.prompt), log[0].prompt);
  assert.equal(p.task, 'T2I');
  assert.equal(p.subset, 'image_generation');
  assert.equal(p.a.model, 'm1');
  const video = pairOf(genaiBench, genai(log[4], true));
  assert.equal(video.task, 'T2V');
  assert.deepEqual(media(video.a.parts), [`video:videos/${log[4].idx}_l.mp4`]);
});

test('GenAI-Bench: relabel writes vote_type; a tie keeps an existing tie kind, else becomes tievote', () => {
  const rec = { prompt: 'p', left_image: 'l.png', right_image: 'r.png', vote_type: 'leftvote' };
  assert.deepEqual(editsOf(genaiBench.labelEdits(rec, 'B')), [{ op: 'set', path: ['vote_type'], value: 'rightvote' }]);
  assert.deepEqual(editsOf(genaiBench.labelEdits(rec, 'tie')), [{ op: 'set', path: ['vote_type'], value: 'tievote' }]);
  assert.deepEqual(editsOf(genaiBench.labelEdits({ ...rec, vote_type: 'bothbad_vote' }, 'tie')), []);
  assert.equal(
    errorOf(genaiBench.toPair({ ...rec, vote_type: 'left' }, ctx())),
    '`vote_type` must be "leftvote", "rightvote", "tievote" or "bothbad_vote"; got "left"',
  );
});

test('GenAI-Bench image editing: instruction and source image are the prompt, outputs are images, task TI2I', () => {
  const rec = {
    source_prompt: 'a photo of a cat',
    target_prompt: 'a photo of a dog',
    instruct_prompt: 'turn the cat into a dog',
    source_image: { bytes: b64, path: 'src.png' },
    left_output_image: 'edit/l.png',
    right_output_image: 'edit/r.png',
    left_model: 'InstructPix2Pix',
    right_model: 'MagicBrush',
    vote_type: 'rightvote',
  };
  const p = pairOf(genaiBench, rec);
  assert.deepEqual(media(p.prompt), ['text', 'image:image/png']);
  assert.equal(text([p.prompt[0]]), 'turn the cat into a dog');
  assert.equal(p.task, 'TI2I');
  assert.equal(p.subset, 'image_edition');
  assert.equal(p.label, 'B');
});

// Shaped as yuvalkirstain/pickapic_v2 rows (bytes as HF's JSON export writes them).
const PICK = {
  caption: 'a watercolor fox',
  jpg_0: b64,
  jpg_1: { bytes: b64 },
  label_0: 0.5,
  label_1: 0.5,
  model_0: 'sdxl',
  model_1: 'sd-2.1',
  ranking_id: 1234,
};

test('Pick-a-Pic v2: 0.5/0.5 is a tie, 1/0 and 0/1 are A and B; jpg bytes become data URIs', () => {
  const p = pairOf(pickAPic, PICK);
  assert.equal(p.label, 'tie');
  assert.equal(p.id, '1234');
  assert.deepEqual(media([...p.a.parts, ...p.b.parts]), ['image:image/png', 'image:image/png']);
  assert.equal(p.a.model, 'sdxl');
  assert.equal(p.task, 'T2I');
  assert.equal(pairOf(pickAPic, { ...PICK, label_0: 1, label_1: 0 }).label, 'A');
  assert.equal(pairOf(pickAPic, { ...PICK, label_0: 0, label_1: 1 }).label, 'B');
  assert.deepEqual(editsOf(pickAPic.labelEdits(PICK, 'A')), [
    { op: 'set', path: ['label_0'], value: 1 },
    { op: 'set', path: ['label_1'], value: 0 },
  ]);
  assert.deepEqual(editsOf(pickAPic.labelEdits(PICK, 'tie')), [
    { op: 'set', path: ['label_0'], value: 0.5 },
    { op: 'set', path: ['label_1'], value: 0.5 },
  ]);
  assert.equal(
    errorOf(pickAPic.toPair({ ...PICK, label_0: 1, label_1: 1 }, ctx())),
    '`label_0`/`label_1` must be 1/0 (image 0 wins), 0/1 (image 1 wins) or 0.5/0.5 (tie); got 1/1',
  );
  // Without bytes, the image URLs serve.
  const {
    jpg_0: _a,
    jpg_1: _b,
    ...urls
  } = { ...PICK, image_0_url: 'https://x.org/0.jpg', image_1_url: 'https://x.org/1.jpg' };
  assert.deepEqual(media(pairOf(pickAPic, urls).a.parts), ['image:https://x.org/0.jpg']);
});

test('HPDv2 train: human_preference [0,1] = the second image; relabel rewrites it', () => {
  const rec = { prompt: 'a castle at dusk', file_path: ['train/0001.jpg', 'train/0002.jpg'], human_preference: [0, 1] };
  const p = pairOf(hpdv2, rec);
  assert.equal(p.label, 'B');
  assert.deepEqual(media([...p.a.parts, ...p.b.parts]), ['image:train/0001.jpg', 'image:train/0002.jpg']);
  assert.equal(p.subset, 'train');
  assert.deepEqual(editsOf(hpdv2.labelEdits(rec, 'A')), [{ op: 'set', path: ['human_preference'], value: [1, 0] }]);
  assert.equal(
    errorOf(hpdv2.toPair({ ...rec, human_preference: [1, 1] }, ctx())),
    '`human_preference` must be [1, 0] (the first image preferred) or [0, 1] (the second); got [1,1]',
  );
});

test('HPDv2 test: the first two ranked images are A/B (lower rank wins), all images reachable, relabel trades their ranks', () => {
  const rec = { prompt: 'a castle', image_path: ['a.jpg', 'b.jpg', 'c.jpg'], rank: [3, 1, 2] };
  const p = pairOf(hpdv2, rec);
  assert.equal(p.label, 'B');
  assert.equal(p.variants!.a.length, 3);
  assert.equal(p.variants!.note, 'A and B are the first two of 3 images in `image_path`');
  assert.deepEqual(editsOf(hpdv2.labelEdits(rec, 'A')), [{ op: 'swap', a: ['rank', 0], b: ['rank', 1] }]);
  assert.deepEqual(editsOf(hpdv2.labelEdits(rec, 'B')), []);
  assert.equal(
    errorOf(hpdv2.labelEdits(rec, 'tie')),
    'HPDv2 has no tie: `human_preference` marks one image, `rank` orders them',
  );
});

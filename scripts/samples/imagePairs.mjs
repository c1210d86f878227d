// T2I, TI2I and TI2T from MJ-Bench quality/objects_indoor images (downscaled copies, plus synthetic edits and answers).
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg } from './tools.mjs';

const SIZE = 384;
// Model names stay neutral so they do not give the label away; `source` says which image is which.
const MJ_MODELS = ['sdxl (MJ-Bench)', 'sdxl (MJ-Bench)'];

// Pairs where the injected artifact is visible at 384 px (checked by eye).
const T2I_IMAGES = ['furniture_0', 'furniture_1', 'furniture_14', 'furniture_18', 'furniture_19'];

const TI2I_EDITS = [
  {
    image: 'furniture_11',
    prompt: 'Make the room look warmer, as if lit by late-afternoon sun.',
    edit: { name: 'warm', filter: 'colorbalance=rs=0.18:gs=0.06:bs=-0.18:rm=0.12:bm=-0.12,eq=brightness=0.03' },
    other: 'artifact',
    preference: 'response1',
  },
  {
    image: 'furniture_12',
    prompt: 'Turn this photo into black and white.',
    edit: { name: 'greyscale', filter: 'hue=s=0' },
    other: 'artifact',
    preference: 'response1',
  },
  {
    image: 'furniture_13',
    prompt: 'Brighten the photo a little without changing anything else.',
    edit: { name: 'brighter', filter: 'eq=brightness=0.07' },
    other: { name: 'brighter-more', filter: 'eq=brightness=0.11:contrast=1.03' },
    preference: 'tie',
  },
  {
    image: 'furniture_15',
    prompt: 'Make it look like dusk: darker, slightly bluer light.',
    edit: { name: 'dusk', filter: 'eq=brightness=-0.16:saturation=0.85,colorbalance=bs=0.12:bm=0.08:rs=-0.05' },
    other: { name: 'greyscale', filter: 'hue=s=0' },
    preference: 'response1',
  },
];

// Questions and answers written for the sample about what the (real) images show.
const TI2T_QA = [
  {
    image: 'furniture_0',
    prompt: 'What is the main piece of furniture in this room, and roughly how many people could sit at it?',
    responses: [
      'A long wooden dining or conference table lined with dark chairs on both sides; it looks like it could seat about twenty people.',
      'A large L-shaped sofa facing a television; it could seat about four people.',
    ],
    preference: 'response1',
    criteria: 'Prefer the answer that matches what is visible in the image.',
  },
  {
    image: 'furniture_10',
    prompt: 'Where are the plants in this space?',
    responses: [
      'There are no plants; the space is bare concrete and glass.',
      'Most of the greenery hangs from the upper levels and the ceiling of the atrium, with a few potted plants on the ground floor.',
    ],
    preference: 'response2',
    criteria: 'Prefer the answer that is grounded in the image rather than invented.',
  },
  {
    image: 'furniture_16',
    prompt: 'Was this photo taken during the day or at night? Explain briefly.',
    responses: [
      'During the day: bright sunlight comes through the tall windows and casts sharp light patches on the floor.',
      'Daytime. The room is lit by strong natural light from the large windows.',
    ],
    preference: 'tie',
    criteria: 'Prefer the correct answer with a reason taken from the image; wording does not matter.',
  },
  {
    image: 'furniture_15',
    prompt: 'What is the ceiling made of?',
    responses: [
      'Glass panels that let in daylight from above.',
      'Closely spaced wooden slats forming a warm timber ceiling.',
    ],
    preference: 'response2',
    criteria: 'Prefer the answer that describes the ceiling as it appears in the image.',
  },
];

function mjBenchCaptions(dataDir) {
  const rows = JSON.parse(readFileSync(join(dataDir, 'mj-bench-quality-objects-indoor/captions_objects_first30.json'), 'utf8'));
  return new Map(rows.map((r) => [r.image_0.replace(/\.jpg$/, ''), r]));
}

export function imagePairs(dataDir, outDir) {
  const srcDir = join(dataDir, 'mj-bench-quality-objects-indoor/images');
  const mjDir = join(outDir, 'media/mjbench');
  const editDir = join(outDir, 'media/ti2i');
  mkdirSync(mjDir, { recursive: true });
  mkdirSync(editDir, { recursive: true });
  const captions = mjBenchCaptions(dataDir);
  const copied = new Set();

  // Downscaled JPEG copy of one MJ-Bench image; returns its path relative to the sample folder.
  const copy = (file, filter = '') => {
    const rel = `media/mjbench/${file}`;
    if (!copied.has(rel)) {
      ffmpeg(['-i', join(srcDir, file)], ['-vf', `scale=${SIZE}:${SIZE}${filter}`, '-q:v', '6'], join(outDir, rel));
      copied.add(rel);
    }
    return rel;
  };
  const row = (name) => {
    const r = captions.get(name);
    if (!r) throw new Error(`MJ-Bench captions have no ${name}.jpg`);
    if (r.label_0 !== 1) throw new Error(`MJ-Bench ${name}: expected label_0 = 1 (image_0 preferred)`);
    return r;
  };
  const edited = (name, edit) => {
    const rel = `media/ti2i/${name}_${edit.name}.jpg`;
    ffmpeg(['-i', join(srcDir, `${name}.jpg`)], ['-vf', `scale=${SIZE}:${SIZE},${edit.filter}`, '-q:v', '6'], join(outDir, rel));
    return rel;
  };

  const t2i = T2I_IMAGES.map((name) => {
    const r = row(name);
    return {
      task: 'T2I',
      id: `t2i-mjbench-${name}`,
      prompt: r.caption,
      responses: [copy(r.image_0), copy(r.image_1)],
      models: MJ_MODELS,
      preference: 'response1',
      criteria: 'Prefer the image without visual artifacts or malformed objects.',
      source: `MJ-Bench quality/objects_indoor ${r.image_0} (preferred) vs ${r.image_1}; downscaled to ${SIZE} px; criteria written for this sample`,
    };
  });

  const ti2i = TI2I_EDITS.map((spec, i) => {
    const r = row(spec.image);
    const first = edited(spec.image, spec.edit);
    const second = spec.other === 'artifact' ? copy(r.image_1) : edited(spec.image, spec.other);
    const secondMade = spec.other === 'artifact' ? `the MJ-Bench artifact image ${r.image_1}` : `ffmpeg ${spec.other.filter}`;
    return {
      task: 'TI2I',
      id: `ti2i-synthetic-${String(i + 1).padStart(2, '0')}`,
      prompt: spec.prompt,
      input: copy(r.image_0),
      responses: [first, second],
      models: ['synthetic/image-edit', 'synthetic/image-edit'],
      preference: spec.preference,
      criteria: 'Prefer the edit that follows the instruction and leaves the rest of the image intact.',
      source: `input: MJ-Bench quality/objects_indoor ${r.image_0}; edits: ffmpeg ${spec.edit.filter} vs ${secondMade}`,
      note: 'Synthetic: the edits are ffmpeg colour filters (or the MJ-Bench artifact image), made for this sample; labels written for it.',
    };
  });

  const ti2t = TI2T_QA.map((qa, i) => {
    const r = row(qa.image);
    return {
      task: 'TI2T',
      id: `ti2t-synthetic-${String(i + 1).padStart(2, '0')}`,
      prompt: qa.prompt,
      input: copy(r.image_0),
      responses: qa.responses,
      models: ['synthetic/written-answer-a', 'synthetic/written-answer-b'],
      preference: qa.preference,
      criteria: qa.criteria,
      source: `image: MJ-Bench quality/objects_indoor ${r.image_0}`,
      note: 'Synthetic: question and both answers written for this sample about a real MJ-Bench image.',
    };
  });

  return { t2i, ti2i, ti2t };
}

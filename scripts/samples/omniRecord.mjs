// Builds records in the Omni-RewardBench Hugging Face shape (see ../shared/FORMATS.md).

/** Short task code → the name Omni-RewardBench gives its `<task>_preferences.json` file. */
export const TASK_FILES = {
  T2T: 'text_to_text',
  TI2T: 'text_image_to_text',
  TV2T: 'text_video_to_text',
  TA2T: 'text_audio_to_text',
  T2I: 'text_to_image',
  T2V: 'text_to_video',
  T2A: 'text_to_audio',
  T23D: 'text_to_3D',
  TI2I: 'text_image_to_image',
};

// In the HF release these tasks' responses are media objects with a sibling `responseN_path`.
const MEDIA_OBJECT_RESPONSES = new Set(['T2I', 'T2A', 'T23D', 'TI2I']);

const FLIP = { response1: 'response2', response2: 'response1', tie: 'tie' };

/**
 * pair: { task, id, prompt, input?, responses: [a, b], models: [a, b], preference, criteria,
 *         swap?, responseExtras?: [{key: value}, {key: value}], source?, note? }
 * `responses`/`preference` are given in natural order; `swap` shows them the other way round
 * (and flips the label) so position does not give the answer away.
 */
export function omniRecord(pair) {
  const swap = Boolean(pair.swap);
  const order = swap ? [1, 0] : [0, 1];
  const responses = order.map((i) => pair.responses[i]);
  const models = order.map((i) => pair.models[i]);
  const extras = pair.responseExtras ? order.map((i) => pair.responseExtras[i]) : undefined;
  const preference = swap ? FLIP[pair.preference] : pair.preference;
  if (!FLIP[preference]) throw new Error(`${pair.id}: preference must be response1, response2 or tie`);

  const rec = { id: pair.id, prompt: pair.prompt };
  const input = pair.input;
  if (pair.task === 'TI2T' || pair.task === 'TI2I') Object.assign(rec, { image: { path: input }, image_path: input });
  if (pair.task === 'TA2T') Object.assign(rec, { audio: { path: input }, audio_path: input });
  if (pair.task === 'TV2T') rec.video = input;

  if (MEDIA_OBJECT_RESPONSES.has(pair.task)) {
    Object.assign(rec, {
      response1: { path: responses[0] },
      response2: { path: responses[1] },
      response1_path: responses[0],
      response2_path: responses[1],
    });
  } else {
    Object.assign(rec, { response1: responses[0], response2: responses[1] });
  }
  if (extras) {
    extras.forEach((extra, i) => {
      for (const [key, value] of Object.entries(extra)) rec[`response${i + 1}_${key}`] = value;
    });
  }
  Object.assign(rec, {
    model1: models[0],
    model2: models[1],
    criteria: pair.criteria,
    criteria_preference: preference,
  });
  if (pair.source) rec.source = pair.source;
  if (pair.note) rec.note = pair.note;
  return rec;
}

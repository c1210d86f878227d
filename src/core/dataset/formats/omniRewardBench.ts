// Omni-RewardBench (arXiv 2510.23451): prompt, response1/response2, model1/model2, criteria,
// criteria_preference. Both shapes: HF (media objects plus `*_path` fields) and the older one with path
// strings directly in `response1`/`response2`/`image`/`video`.
import type { FormatAdapter } from '../formatAdapter';
import { looksLikeMediaPath, type MediaModality } from '../media';
import { outputModalityOf, taskFromFileName, taskFromName } from '../task';
import type { Label, Part } from '../types';
import {
  describe,
  err,
  idOf,
  isRec,
  makePair,
  mediaWithPathField,
  missing,
  NO_CLEAR,
  response,
  show,
  str,
  textPart,
  type Rec,
} from './common';

const NAME = 'Omni-RewardBench';
const FROM_FIELD: Record<string, Label> = { response1: 'A', response2: 'B', tie: 'tie' };
const TO_FIELD: Record<string, string> = { A: 'response1', B: 'response2', tie: 'tie' };
/** The repo's tie-evaluation files say `label` 1 (response1), -1 (response2), 0 (tie) instead. */
const TIE_EVAL: Record<string, Label> = { '1': 'A', '-1': 'B', '0': 'tie' };
const usesTieEvalLabel = (r: Rec) =>
  !('criteria_preference' in r) && typeof r.label === 'number' && String(r.label) in TIE_EVAL;
const INPUT_MEDIA: [string, MediaModality][] = [
  ['image', 'image'],
  ['video', 'video'],
  ['audio', 'audio'],
];

/** A response: text, or media when the task says so, the value is a media object, or a `_path` exists. */
function responseParts(rec: Rec, field: string, out: string | undefined): Part[] | { error: string } {
  const v = rec[field];
  if (out === 'text') {
    if (typeof v === 'string') return [textPart(v)];
    return err(`\`${field}\` must be text for this task; found ${describe(v)}`);
  }
  const hint = out && out !== 'text' ? (out as MediaModality) : undefined;
  const wantsMedia =
    hint !== undefined ||
    isRec(v) ||
    rec[`${field}_path`] !== undefined ||
    (typeof v === 'string' && looksLikeMediaPath(v));
  if (wantsMedia) {
    const media = mediaWithPathField(rec, field, hint);
    if (media.length > 0) return media;
  }
  if (typeof v === 'string') return [textPart(v)];
  return err(
    `\`${field}\` must be text, a media path or an image/audio object; found ${describe(v)}${v === null ? '' : ` ${show(v)}`}`,
  );
}

/** The media modality either response shows, when one of them names it by its extension or content. */
function peerModality(rec: Rec): MediaModality | undefined {
  for (const field of ['response1', 'response2']) {
    const first = mediaWithPathField(rec, field)[0];
    if (first?.type === 'media') return first.media.modality;
  }
  return undefined;
}

/**
 * Omni-RewardBench scores a 3D response by its multi-view render; a `<field>_mesh_path` (the samples carry
 * one) adds the mesh itself for the 3D viewer, as a display-only extra that no scorer sees.
 */
function withMesh<T extends { extras?: Part[] }>(resp: T, rec: Rec, field: string): T {
  const mesh = mediaWithPathField(rec, `${field}_mesh`, '3d').filter(
    (p) => p.type === 'media' && p.media.modality === '3d',
  );
  return mesh.length ? { ...resp, extras: mesh } : resp;
}

export const omniRewardBench: FormatAdapter = {
  id: 'omni-rewardbench',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r)) return 0;
    if ('criteria_preference' in r && ('response1' in r || 'response2' in r)) return 1;
    if ('response1' in r && 'response2' in r) return 'model1' in r || 'criteria' in r ? 0.9 : 0.7;
    return 0;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['response1', 'response2'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    const taskField = str(rec.task);
    const known = (taskField && taskFromName(taskField)) || taskFromFileName(ctx.fileName);
    const out = outputModalityOf(known);

    if (rec.prompt !== undefined && typeof rec.prompt !== 'string') {
      return err(`\`prompt\` must be text; found ${describe(rec.prompt)}`);
    }
    const prompt: Part[] = typeof rec.prompt === 'string' ? [textPart(rec.prompt)] : [];
    for (const [field, modality] of INPUT_MEDIA) prompt.push(...mediaWithPathField(rec, field, modality));

    // Without a task, a path with no extension (`/etc/passwd`) takes the modality of the other response.
    const hint = out ?? peerModality(rec);
    const a = responseParts(rec, 'response1', hint);
    if ('error' in a) return a;
    const b = responseParts(rec, 'response2', hint);
    if ('error' in b) return b;

    const pref = rec.criteria_preference;
    let label: Label = 'none';
    if (usesTieEvalLabel(rec)) label = TIE_EVAL[String(rec.label)];
    else if (typeof pref === 'string' && pref in FROM_FIELD) label = FROM_FIELD[pref];
    else if (pref !== undefined && pref !== null && pref !== '') {
      return err(`\`criteria_preference\` must be "response1", "response2" or "tie"; got ${show(pref)}`);
    }
    if (rec.criteria !== undefined && rec.criteria !== null && typeof rec.criteria !== 'string') {
      return err(`\`criteria\` must be text; found ${describe(rec.criteria)}`);
    }

    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt,
      a: withMesh(response(a, rec.model1), rec, 'response1'),
      b: withMesh(response(b, rec.model2), rec, 'response2'),
      label,
      criterion: typeof rec.criteria === 'string' ? rec.criteria : undefined,
      taskField: rec.task,
      subset: str(rec.source),
    });
  },

  labelEdits(record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    if (isRec(record) && usesTieEvalLabel(record))
      return [{ op: 'set', path: ['label'], value: label === 'A' ? 1 : label === 'B' ? -1 : 0 }];
    return [{ op: 'set', path: ['criteria_preference'], value: TO_FIELD[label] }];
  },

  criterionEdits(_record, criterion) {
    return [{ op: 'set', path: ['criteria'], value: criterion }];
  },
};

// Anything else: the user names which field holds what (dotted paths, "meta.question", "answers.0"),
// and the mapping becomes a FormatAdapter. The mapping is checked first, with messages saying what to fix.
import type { AdapterError, FormatAdapter } from '../formatAdapter';
import { parseMediaValue } from '../media';
import type { Label, Part } from '../types';
import {
  at,
  describe,
  err,
  found,
  isRec,
  jsonPath,
  makePair,
  NO_CLEAR,
  response,
  show,
  str,
  textPart,
  turnsOf,
  turnsToParts,
} from './common';

export interface FieldMapping {
  prompt: string;
  responseA: string;
  responseB: string;
  /** The field that holds the label; its values are given by `labelValues`. */
  label?: string;
  labelValues?: { A: unknown; B: unknown; tie?: unknown };
  criterion?: string;
  id?: string;
  task?: string;
}

const KEYS = ['prompt', 'responseA', 'responseB', 'label', 'labelValues', 'criterion', 'id', 'task'];
const PATH = /^[^.\s][^.]*(\.[^.]+)*$/;

/** Checks a user's mapping; the message names the key to fix and shows what was given. */
export function validateFieldMapping(m: unknown): FieldMapping | AdapterError {
  if (!isRec(m))
    return err(
      `a field mapping must be an object like {"prompt": "question", "responseA": "answer_a", "responseB": "answer_b"}; got ${describe(m)}`,
    );
  const unknown = Object.keys(m).filter((k) => !KEYS.includes(k));
  if (unknown.length)
    return err(
      `field mapping: unknown key ${unknown.map((k) => `\`${k}\``).join(', ')}; allowed keys are ${KEYS.map((k) => `\`${k}\``).join(', ')}`,
    );
  for (const k of ['prompt', 'responseA', 'responseB']) {
    if (!(k in m))
      return err(
        `field mapping: \`${k}\` is required; give the dotted path of the field that holds it, e.g. "${k === 'prompt' ? 'question' : k === 'responseA' ? 'answers.0' : 'answers.1'}"`,
      );
  }
  for (const k of ['prompt', 'responseA', 'responseB', 'label', 'criterion', 'id', 'task']) {
    const v = m[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !PATH.test(v))
      return err(`field mapping: \`${k}\` must be a dotted path like "meta.question"; got ${show(v)}`);
  }
  if (m.responseA === m.responseB)
    return err(
      `field mapping: \`responseA\` and \`responseB\` both name "${m.responseA}"; they must be two different fields`,
    );
  if ((m.label === undefined) !== (m.labelValues === undefined)) {
    return err(
      'field mapping: `label` and `labelValues` go together: name the label field and say which of its values mean A, B (and tie), e.g. "labelValues": {"A": 0, "B": 1}',
    );
  }
  if (m.labelValues !== undefined) {
    const lv = m.labelValues;
    if (!isRec(lv) || !('A' in lv) || !('B' in lv))
      return err(
        `field mapping: \`labelValues\` must say which value means A and which B, e.g. {"A": 0, "B": 1, "tie": 0.5}; got ${show(lv)}`,
      );
    const extra = Object.keys(lv).filter((k) => !['A', 'B', 'tie'].includes(k));
    if (extra.length)
      return err(
        `field mapping: \`labelValues\` takes only \`A\`, \`B\` and \`tie\`; got ${extra.map((k) => `\`${k}\``).join(', ')}`,
      );
    const vals = ['A', 'B', 'tie'].filter((k) => k in lv).map((k) => JSON.stringify(lv[k]));
    if (new Set(vals).size !== vals.length)
      return err(
        `field mapping: \`labelValues\` gives two labels the same value (${show(lv)}); each label needs its own`,
      );
  }
  return m as unknown as FieldMapping;
}

/** Text, a message list, or media (path with a media extension, data URI, bytes object). */
function partsOf(v: unknown, path: string): Part[] | AdapterError {
  if (typeof v === 'string') {
    const media =
      /^(data:|https?:\/\/)/.test(v) || /^[^\n]{1,1024}\.[A-Za-z0-9]{2,5}$/.test(v) ? parseMediaValue(v) : undefined;
    return media ? [{ type: 'media', media }] : [textPart(v)];
  }
  if (Array.isArray(v)) {
    const turns = turnsOf(v, path);
    return 'error' in turns ? turns : turnsToParts(turns);
  }
  const media = parseMediaValue(v);
  if (media) return [{ type: 'media', media }];
  return err(`\`${path}\` must be text, a message list or media; found ${describe(v)}`);
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/** A FormatAdapter from a checked mapping (or the mapping's error). */
export function fieldMappingAdapter(mapping: unknown): FormatAdapter | AdapterError {
  const m = validateFieldMapping(mapping);
  if ('error' in m) return m;
  const required = [m.prompt, m.responseA, m.responseB, ...(m.label ? [m.label] : [])];
  const NAME = 'the field mapping';
  return {
    id: 'field-mapping',
    displayName: 'Field mapping',
    labelKind: 'explicit',

    match(r) {
      if (!isRec(r)) return 0;
      return required.filter((p) => at(r, p) !== undefined).length / required.length;
    },

    toPair(record, ctx) {
      if (!isRec(record)) return err(`expected a JSON object; ${found(record)}`);
      const absent = required.filter((p) => at(record, p) === undefined);
      if (absent.length)
        return err(`the field mapping expects ${absent.map((p) => `\`${p}\``).join(', ')}; ${found(record)}`);
      const prompt = partsOf(at(record, m.prompt), m.prompt);
      if ('error' in prompt) return prompt;
      const a = partsOf(at(record, m.responseA), m.responseA);
      if ('error' in a) return a;
      const b = partsOf(at(record, m.responseB), m.responseB);
      if ('error' in b) return b;
      let label: Label = 'none';
      if (m.label && m.labelValues) {
        const v = at(record, m.label);
        const hit = (['A', 'B', 'tie'] as const).find((k) => k in m.labelValues! && same(m.labelValues![k], v));
        if (!hit) {
          const allowed = (['A', 'B', 'tie'] as const)
            .filter((k) => k in m.labelValues!)
            .map((k) => `${JSON.stringify(m.labelValues![k])} (${k})`);
          return err(`\`${m.label}\` must be ${allowed.join(', ')}; got ${show(v)}`);
        }
        label = hit;
      }
      const criterion = m.criterion ? at(record, m.criterion) : undefined;
      const id = m.id ? str(at(record, m.id)) : undefined;
      return makePair('field-mapping', 'explicit', ctx, record, {
        id: id ?? `line-${ctx.line}`,
        prompt,
        a: response(a),
        b: response(b),
        label,
        criterion: typeof criterion === 'string' ? criterion : undefined,
        taskField: m.task ? at(record, m.task) : undefined,
      });
    },

    labelEdits(record, label) {
      if (label === 'none') return NO_CLEAR(NAME);
      if (!m.label || !m.labelValues)
        return err(
          'the field mapping names no `label` field, so labels cannot be saved; add `label` and `labelValues` to the mapping',
        );
      if (!(label in m.labelValues))
        return err(
          `the field mapping's \`labelValues\` has no value for ${label}; add "${label}": <value> to say how this file writes it`,
        );
      return [{ op: 'set', path: jsonPath(record, m.label), value: m.labelValues[label] }];
    },

    criterionEdits(record, criterion) {
      if (!m.criterion)
        return err(
          'the field mapping names no `criterion` field; add `criterion` (a dotted path) to the mapping to save one',
        );
      return [{ op: 'set', path: jsonPath(record, m.criterion), value: criterion }];
    },
  };
}

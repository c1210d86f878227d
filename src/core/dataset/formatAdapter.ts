// The seam between the file (records as parsed JSON) and the pair model: one adapter per benchmark format.
import type { Label, PreferencePair } from './types';

/** A path into a JSON record, as jsonc-parser spells it: keys and array indices. */
export type JsonPath = (string | number)[];

/**
 * A change to one record, expressed on its JSON values so that everything else in the record's text
 * (key order, spacing, escapes, unknown fields) stays byte-identical.
 * - set: replace the value at `path` (insert the key if absent) with JSON for `value`.
 * - swap: exchange the source texts of two values (relabelling a chosen/rejected record).
 */
export type ValueEdit = { op: 'set'; path: JsonPath; value: unknown } | { op: 'swap'; a: JsonPath; b: JsonPath };

export interface AdapterContext {
  /** 0-based record ordinal. */
  index: number;
  /** 1-based physical line where the record starts. */
  line: number;
  /** Base name of the file, for task inference (`text_to_image_preferences.json` → T2I). */
  fileName: string;
}

/** An adapter's refusal: the message says what was expected and what was found, without the line prefix. */
export interface AdapterError {
  error: string;
}

export interface FormatAdapter {
  /** Stable id, e.g. 'omni-rewardbench', 'hh-rlhf'. */
  readonly id: string;
  readonly displayName: string;
  /** How the label is stored in this format. */
  readonly labelKind: 'explicit' | 'implicit';
  /** 0 (not this format) … 1 (certainly this format), from one parsed record. */
  match(record: unknown): number;
  toPair(record: unknown, ctx: AdapterContext): PreferencePair | AdapterError;
  /** Edits that make the record say `label`, or why this format cannot say it. */
  labelEdits(record: unknown, label: Label): ValueEdit[] | AdapterError;
  /** Edits that set the free-form criterion, or why this format has no place for one. */
  criterionEdits(record: unknown, criterion: string): ValueEdit[] | AdapterError;
}

export function isAdapterError(x: unknown): x is AdapterError {
  return typeof x === 'object' && x !== null && typeof (x as AdapterError).error === 'string';
}

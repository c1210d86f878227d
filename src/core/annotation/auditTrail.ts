// The optional audit trail of relabelling: a small field in each relabelled record saying what the label was,
// when and by whom it changed. Written only when the user turns it on (rewardLens.annotation.auditTrail).
import type { ValueEdit } from '../dataset/formatAdapter';
import type { Label, PreferencePair } from '../dataset/types';

export const AUDIT_FIELD = '_reward_lens_audit';

export interface AuditEntry {
  /** The label before Reward Lens first changed it (kept across later relabels, so the original is never lost). */
  previous: Label;
  /** ISO 8601 time of the latest relabel. */
  at: string;
  /** Who relabelled it: the git user.name, else the OS user. */
  by: string;
}

/** The edit that records `before`'s relabel in its audit field; an existing field keeps its `previous`. */
export function auditEdits(before: PreferencePair, by: string, at: Date): ValueEdit[] {
  const existing = (before.raw as Record<string, unknown> | undefined)?.[AUDIT_FIELD] as
    Partial<AuditEntry> | undefined;
  const previous = isLabel(existing?.previous) ? existing.previous : before.label;
  const entry: AuditEntry = { previous, at: at.toISOString(), by };
  return [{ op: 'set', path: [AUDIT_FIELD], value: entry }];
}

function isLabel(x: unknown): x is Label {
  return x === 'A' || x === 'B' || x === 'tie' || x === 'none';
}

// Which records a filter keeps: task, human label, errors only, and a case-insensitive text search.
import type { DatasetRecord, Part, PreferencePair } from '../dataset/types';
import type { RowFilter } from '../../protocol';

function partsText(parts: Part[], out: string[]): void {
  for (const p of parts) {
    if (p.type === 'text') out.push(p.text);
    else if (p.type === 'chat') for (const t of p.turns) out.push(t.content);
    else if (p.media.source.kind === 'path') out.push(p.media.source.path);
    else if (p.media.source.kind === 'url') out.push(p.media.source.url);
  }
}

/** The text a search looks through: id, prompt, criterion, both responses, model names, media paths. */
export function searchableText(record: DatasetRecord): string {
  if (record.kind === 'error') return `${record.message}\n${record.text}`;
  const pair: PreferencePair = record;
  const out = [
    pair.id,
    pair.task ?? '',
    pair.subset ?? '',
    pair.criterion ?? '',
    pair.a.model ?? '',
    pair.b.model ?? '',
  ];
  partsText(pair.prompt, out);
  partsText(pair.a.parts, out);
  partsText(pair.b.parts, out);
  return out.join('\n');
}

/** A predicate for the filter, with the search text lower-cased once. */
export function compileFilter(filter: RowFilter): (record: DatasetRecord) => boolean {
  const needle = filter.text?.trim().toLowerCase() ?? '';
  return (record) => {
    if (filter.errorsOnly && record.kind !== 'error') return false;
    if (record.kind === 'pair') {
      if (filter.task && record.task !== filter.task) return false;
      if (filter.label && record.label !== filter.label) return false;
    } else if (filter.task || filter.label) {
      return false;
    }
    return needle === '' || searchableText(record).toLowerCase().includes(needle);
  };
}

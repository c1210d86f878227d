// A record as the pair view draws it: parts with media already resolved to URIs the webview may load.
import type { DatasetRecord, MediaRef, Part, PreferencePair, Response } from '../dataset/types';
import type { MediaView, PartView, RecordView, ResponseView } from '../../protocol';
import type { RowContext } from '../analysis/rowFacts';
import { scoreViews } from './rowView';

/** Turns a media reference into something the webview can load (host: asWebviewUri; mock: data/relative URL). */
export type MediaResolver = (ref: MediaRef) => Promise<MediaView>;

async function partViews(parts: Part[], resolve: MediaResolver): Promise<PartView[]> {
  return Promise.all(
    parts.map(async (p): Promise<PartView> => {
      if (p.type !== 'media') return p;
      try {
        return { type: 'media', media: await resolve(p.media) };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { type: 'media', media: { modality: p.media.modality, error: message, tried: [] } };
      }
    }),
  );
}

async function responseView(r: Response, resolve: MediaResolver): Promise<ResponseView> {
  // Display-only extras (a mesh beside its multi-view render) are drawn after the scored parts.
  const parts = r.extras?.length ? [...r.parts, ...r.extras] : r.parts;
  return { parts: await partViews(parts, resolve), ...(r.model ? { model: r.model } : {}) };
}

export async function toRecordView(
  record: DatasetRecord,
  resolve: MediaResolver,
  ctx?: RowContext,
  edited = false,
): Promise<RecordView> {
  if (record.kind === 'error') {
    return { kind: 'error', index: record.index, line: record.line, message: record.message, text: record.text };
  }
  const pair: PreferencePair = record;
  const [prompt, a, b] = await Promise.all([
    partViews(pair.prompt, resolve),
    responseView(pair.a, resolve),
    responseView(pair.b, resolve),
  ]);
  return {
    kind: 'pair',
    index: pair.index,
    line: pair.line,
    id: pair.id,
    task: pair.task,
    subset: pair.subset,
    format: pair.format,
    prompt,
    criterion: pair.criterion,
    a,
    b,
    label: pair.label,
    labelKind: pair.labelKind,
    tieKind: pair.tieKind,
    scores: scoreViews(pair, ctx),
    variantsNote: pair.variants?.note,
    ...(edited ? { edited } : {}),
    ...(pair.swapped ? { swapped: true } : {}),
  };
}

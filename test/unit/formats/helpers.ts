// Shared by the format tests: fixture loading, a context, and unwrapping adapter results.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { AdapterContext, AdapterError, FormatAdapter, ValueEdit } from '../../../src/core/dataset/formatAdapter';
import type { Part, PreferencePair } from '../../../src/core/dataset/types';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');

export function fixtureJson(name: string): any[] {
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  return name.endsWith('.jsonl')
    ? text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
    : JSON.parse(text);
}

export function ctx(line = 1, fileName = 'data.jsonl'): AdapterContext {
  return { index: line - 1, line, fileName };
}

export function pairOf(adapter: FormatAdapter, record: unknown, c: AdapterContext = ctx()): PreferencePair {
  const p = adapter.toPair(record, c);
  if ('error' in p) assert.fail(`expected a pair, got error: ${p.error}`);
  return p;
}

export function errorOf(result: PreferencePair | AdapterError | ValueEdit[]): string {
  if (Array.isArray(result) || !('error' in result))
    return assert.fail(`expected an error, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.error;
}

export function editsOf(result: ValueEdit[] | AdapterError): ValueEdit[] {
  if (!Array.isArray(result)) return assert.fail(`expected edits, got error: ${result.error}`);
  return result;
}

export function text(parts: Part[]): string {
  assert.equal(parts.length, 1, `expected one part, got ${JSON.stringify(parts).slice(0, 200)}`);
  const p = parts[0];
  if (p.type !== 'text') return assert.fail(`expected a text part, got ${p.type}`);
  return p.text;
}

/** The media sources of parts, as "kind:path-or-mime" strings. */
export function media(parts: Part[]): string[] {
  return parts.map((p) => {
    if (p.type !== 'media') return `${p.type}`;
    const s = p.media.source;
    return `${p.media.modality}:${s.kind === 'path' ? s.path : s.kind === 'url' ? s.url : p.media.mime}`;
  });
}

/** A 1×1 PNG, for bytes objects and data URIs. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

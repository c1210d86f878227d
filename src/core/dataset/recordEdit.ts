// Applies an adapter's ValueEdits to one record's text, touching only those values' bytes: key order,
// spacing, escapes and unknown fields elsewhere stay exactly as written.
import { applyEdits, findNodeAtLocation, parseTree, type Edit, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath, ValueEdit } from './formatAdapter';

export interface EditError {
  error: string;
}

const strict = { disallowComments: true, allowTrailingComma: false } as const;

function showPath(path: JsonPath): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}

/**
 * JSON text for a new value. Files written with Python's default `ensure_ascii` (pure ASCII with
 * `\uXXXX` escapes) get their non-ASCII characters escaped the same way, so the file keeps its style.
 */
export function jsonFor(value: unknown, asciiOnly: boolean): string {
  const json = JSON.stringify(value);
  if (!asciiOnly) return json;
  return json.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** True when the record is pure ASCII and uses `\u` escapes: new text should be escaped alike. */
export function prefersAsciiEscapes(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
  return !/[^\x00-\x7f]/.test(text) && /\\u[0-9a-fA-F]{4}/.test(text);
}

/**
 * Inserts `"key": value` as the object's last property, copying the separator and the colon spacing
 * from the properties already there (`,\n    ` in pretty-printed records, `, ` in Python's style).
 */
function insertProperty(text: string, obj: Node, key: string, valueJson: string): Edit {
  const props = obj.children ?? [];
  const keyJson = JSON.stringify(key);
  if (props.length === 0) return { offset: obj.offset + 1, length: 0, content: `${keyJson}: ${valueJson}` };
  const last = props[props.length - 1];
  const [lastKey, lastValue] = last.children ?? [];
  const colon = lastKey && lastValue ? text.slice(lastKey.offset + lastKey.length, lastValue.offset) : ': ';
  // With one property the separator is unseen: the text after `{` (pretty-printed), else `, ` if `: ` is spaced.
  const lead = text.slice(obj.offset + 1, last.offset);
  const sep =
    props.length >= 2
      ? text.slice(props[props.length - 2].offset + props[props.length - 2].length, last.offset)
      : lead
        ? ',' + lead
        : /\s$/.test(colon)
          ? ', '
          : ',';
  return { offset: last.offset + last.length, length: 0, content: `${sep}${keyJson}${colon}${valueJson}` };
}

function setEdit(text: string, root: Node, path: JsonPath, value: unknown, ascii: boolean): Edit | EditError {
  const node = findNodeAtLocation(root, path);
  if (node) return { offset: node.offset, length: node.length, content: jsonFor(value, ascii) };
  // Find the deepest existing parent; missing intermediate objects are created around the value.
  let depth = path.length - 1;
  let wrapped = value;
  let parent = findNodeAtLocation(root, path.slice(0, depth));
  while (!parent && depth > 0) {
    const key = path[depth];
    if (typeof key !== 'string') return { error: `cannot create \`${showPath(path)}\`: index ${key} is missing` };
    wrapped = { [key]: wrapped };
    depth--;
    parent = findNodeAtLocation(root, path.slice(0, depth));
  }
  const key = path[depth];
  if (!parent || parent.type !== 'object' || typeof key !== 'string') {
    return { error: `cannot set \`${showPath(path)}\`: \`${showPath(path.slice(0, depth))}\` is not an object` };
  }
  return insertProperty(text, parent, key, jsonFor(wrapped, ascii));
}

function swapEdits(text: string, root: Node, a: JsonPath, b: JsonPath): Edit[] | EditError {
  const na = findNodeAtLocation(root, a);
  const nb = findNodeAtLocation(root, b);
  if (!na || !nb) return { error: `cannot swap: \`${showPath(na ? b : a)}\` is missing` };
  const [first, second] = na.offset <= nb.offset ? [na, nb] : [nb, na];
  if (first.offset + first.length > second.offset)
    return { error: `cannot swap \`${showPath(a)}\` with \`${showPath(b)}\`: one contains the other` };
  const firstText = text.slice(first.offset, first.offset + first.length);
  const secondText = text.slice(second.offset, second.offset + second.length);
  return [
    { offset: first.offset, length: first.length, content: secondText },
    { offset: second.offset, length: second.length, content: firstText },
  ];
}

/** The record's text with `edits` applied in order, or why they cannot be applied. */
export function applyValueEdits(text: string, edits: ValueEdit[]): string | EditError {
  const ascii = prefersAsciiEscapes(text);
  let out = text;
  for (const edit of edits) {
    const errors: ParseError[] = [];
    const root = parseTree(out, errors, strict);
    if (!root || errors.length > 0) return { error: 'the record is not valid JSON, so it cannot be edited' };
    const result =
      edit.op === 'set' ? setEdit(out, root, edit.path, edit.value, ascii) : swapEdits(out, root, edit.a, edit.b);
    if ('error' in result) return result;
    out = applyEdits(out, Array.isArray(result) ? result : [result]);
  }
  return out;
}

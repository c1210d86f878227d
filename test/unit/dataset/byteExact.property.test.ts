// Property: after any sequence of label/criterion edits (and undos) and a save, the file equals the
// original with exactly the edited value texts replaced. The expectation is assembled here from the
// generated pieces, independently of the code under test; every other byte must be identical.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { Dataset } from '../../../src/core/dataset/dataset';
import type { Label } from '../../../src/core/dataset/types';
import { explicitAdapter, implicitAdapter, tempDir } from './helpers';

// ── JSON string texts with varied escaping ─────────────────────────────────────────────────────

const CHAR = fc.oneof(
  fc.constantFrom(
    '"',
    '\\',
    '\n',
    '\r',
    '\t',
    '\u0000',
    '\u001f',
    '/',
    'é',
    '✓',
    '😀',
    '\u2028',
    ' ',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    'a',
    'Z',
    '0',
  ),
  fc
    .integer({ min: 0x20, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
);
const STR = fc.array(CHAR, { maxLength: 8 }).map((cs) => cs.join(''));

/**
 * A JSON string literal for `s`, each character written raw, with a short escape or as \uXXXX (seeded);
 * `ascii` escapes every non-ASCII character, as Python's json.dumps does by default.
 */
function encode(s: string, seed: number, ascii = false): string {
  let out = '"';
  let k = seed >>> 0;
  for (const ch of s) {
    k = (k * 1103515245 + 12345) >>> 0;
    const style = k % 3; // 0 raw when allowed, 1 short escape when there is one, 2 \u
    const cp = ch.codePointAt(0)!;
    const short: Record<string, string> = {
      '"': '\\"',
      '\\': '\\\\',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
      '/': '\\/',
    };
    if (style === 2 || (cp < 0x20 && !short[ch]) || (ascii && cp > 0x7f)) {
      for (let i = 0; i < ch.length; i++) {
        const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
        out += '\\u' + (k & 8 ? hex.toUpperCase() : hex);
      }
    } else if (short[ch] && (style === 1 || ch === '"' || ch === '\\' || cp < 0x20)) out += short[ch];
    else out += ch;
  }
  return out + '"';
}

/** What the writer must produce for a new string value in a record whose current text is `record`. */
function expectedJson(value: string, record: string): string {
  const json = JSON.stringify(value);
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
  const asciiStyle = !/[^\x00-\x7f]/.test(record) && /\\u[0-9a-fA-F]{4}/.test(record);
  if (!asciiStyle) return json;
  let out = '';
  for (const c of json) {
    for (let i = 0; i < c.length; i++) {
      const u = c.charCodeAt(i);
      out += u > 0x7f ? '\\u' + u.toString(16).padStart(4, '0') : c[i];
    }
  }
  return out;
}

// ── generated files ────────────────────────────────────────────────────────────────────────────

interface Member {
  key: string;
  text: string; // the value's JSON text
}
interface Item {
  valid: boolean;
  members: Member[]; // valid items
  invalid: string; // invalid items' text
  pretty: boolean;
  colon: string;
  space: string;
}

// (No JSONL line may start with `[`: a file whose first record does is read as a JSON array.)
const JSONL_INVALID = [
  'not json',
  '{"r1":',
  '{"r1": "a" "r2": "b"}',
  '}',
  '"just text"',
  '{"r1": 1, "r2": 2}',
  '2',
  '{"chosen": 1',
  'nul',
];
const ARRAY_INVALID = [
  '{"r1": tru}',
  '{"r1": "a" "r2": "b"}',
  '"just text"',
  '12',
  '{"r1": 1, "r2": 2}',
  '[1,,2]',
  '{"r1": "]", }',
];

const itemArb = (implicit: boolean, shape: 'jsonl' | 'json-array') =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({
          q: STR,
          a: STR,
          b: STR,
          crit: STR,
          pref: fc.constantFrom('a', 'b', 'tie', 'zz'),
          extra: fc.option(fc.json({ maxDepth: 2 }), { nil: undefined }),
          seed: fc.nat(),
          ascii: fc.boolean(),
          order: fc.nat(),
          pretty: fc.boolean(),
          colon: fc.constantFrom(':', ': ', ' : '),
          space: fc.constantFrom('', ' ', '\t'),
        })
        .map((r): Item => {
          const members: Member[] = implicit
            ? [
                { key: 'chosen', text: encode(r.a, r.seed, r.ascii) },
                { key: 'rejected', text: encode(r.b, r.seed + 1, r.ascii) },
                { key: 'q', text: encode(r.q, r.seed + 2, r.ascii) },
              ]
            : [
                { key: 'q', text: encode(r.q, r.seed, r.ascii) },
                { key: 'r1', text: encode(r.a, r.seed + 1, r.ascii) },
                { key: 'r2', text: encode(r.b, r.seed + 2, r.ascii) },
                { key: 'pref', text: encode(r.pref, r.seed + 3, r.ascii) },
                { key: 'crit', text: encode(r.crit, r.seed + 4, r.ascii) },
              ];
          if (r.extra !== undefined) members.push({ key: 'extra', text: r.extra });
          const rot = r.order % members.length; // key order varies; the adapter must not care
          return {
            valid: true,
            members: [...members.slice(rot), ...members.slice(0, rot)],
            invalid: '',
            pretty: shape === 'json-array' && r.pretty,
            colon: r.colon,
            space: r.space,
          };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...(shape === 'jsonl' ? JSONL_INVALID : ARRAY_INVALID))
        .map((invalid): Item => ({ valid: false, members: [], invalid, pretty: false, colon: '', space: '' })),
    },
  );

const opArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('label' as const),
      targets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      label: fc.constantFrom<Label>('A', 'B', 'tie'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('crit' as const), target: fc.nat(), text: STR }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
);

const fileArb = (shape: 'jsonl' | 'json-array') =>
  fc.boolean().chain((implicit) =>
    fc.record({
      implicit: fc.constant(implicit),
      items: fc.array(itemArb(implicit, shape), { minLength: 1, maxLength: 6 }),
      bom: fc.boolean(),
      finalNewline: fc.boolean(),
      eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 40, maxLength: 40 }),
      blanks: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: 8, maxLength: 8 }),
      blankText: fc.constantFrom('', ' ', '\t ', '  '),
      indent: fc.constantFrom('  ', '    ', '\t'),
      ops: fc.array(opArb, { minLength: 1, maxLength: 5 }),
    }),
  );
type File = ReturnType<typeof fileArb> extends fc.Arbitrary<infer T> ? T : never;

/** The record text of `item` with member value texts `texts` (JSON array records use line breaks from `eol`). */
function itemText(item: Item, texts: string[], eol: () => string, indent: string, base: string): string {
  if (!item.valid) return item.invalid;
  const parts = item.members.map((m, k) => `"${m.key}"${item.colon}${texts[k]}`);
  if (!item.pretty) return `{${item.space}${parts.join(`,${item.space}`)}${item.space}}`;
  return `{${parts.map((p) => `${eol()}${base}${indent}${p}`).join(',')}${eol()}${base}}`;
}

/** The whole file for the given per-item member texts: BOM, line breaks and blank lines from `f`. */
function assemble(f: File, shape: 'jsonl' | 'json-array', texts: string[][]): string {
  let e = 0;
  const eol = () => f.eols[e++ % f.eols.length];
  let out = f.bom ? '\ufeff' : '';
  if (shape === 'jsonl') {
    f.items.forEach((item, k) => {
      for (let b = 0; b < f.blanks[k % f.blanks.length]; b++) out += f.blankText + eol();
      out += itemText(item, texts[k], eol, '', '');
      if (k < f.items.length - 1 || f.finalNewline) out += eol();
    });
    return out;
  }
  out += `[`;
  f.items.forEach((item, k) => {
    out += `${eol()}${f.indent}${itemText(item, texts[k], eol, f.indent, f.indent)}${k < f.items.length - 1 ? ',' : ''}`;
  });
  return out + `${eol()}]${f.finalNewline ? eol() : ''}`;
}

/** Index (among all items) of the member named `key`, or -1. */
const memberAt = (item: Item, key: string) => item.members.findIndex((m) => m.key === key);

/** Runs that saved at least one change: guards against a generator that stops producing edits. */
let edited = 0;

async function checkFile(f: File, shape: 'jsonl' | 'json-array', dir: string, n: number): Promise<void> {
  const original = f.items.map((it) => it.members.map((m) => m.text));
  const file = join(dir, `f${n}.${shape === 'jsonl' ? 'jsonl' : 'json'}`);
  writeFileSync(file, assemble(f, shape, original));
  const ds = await Dataset.open(file, { adapter: f.implicit ? implicitAdapter : explicitAdapter });
  assert.equal(ds.recordCount, f.items.length);

  // The model: a stack of states (per-item member texts); undo pops it, as the journal should.
  const states: string[][][] = [original];
  const current = () => states[states.length - 1];
  const recordOf = (k: number, s = current()) => itemText(f.items[k], s[k], () => '\n', f.indent, f.indent);

  for (const op of f.ops) {
    if (op.kind === 'undo') {
      if (states.length > 1) states.pop();
      ds.undo();
      continue;
    }
    const targets = op.kind === 'label' ? op.targets.map((t) => t % f.items.length) : [op.target % f.items.length];
    const plan =
      op.kind === 'label' ? await ds.planLabel(targets, op.label) : await ds.planCriterion(targets[0], op.text);
    const refused =
      targets.some((t) => !f.items[t].valid) ||
      (f.implicit && (op.kind === 'crit' || (op.kind === 'label' && op.label === 'tie')));
    if (refused) {
      assert.ok('error' in plan, 'error records, tie in chosen/rejected and missing criterion fields must be refused');
      continue;
    }
    assert.ok(!('error' in plan), 'error' in plan ? plan.error : '');
    const next = current().map((texts) => [...texts]);
    for (const t of new Set(targets)) {
      const item = f.items[t];
      if (op.kind === 'crit') next[t][memberAt(item, 'crit')] = expectedJson(op.text, recordOf(t));
      else if (!f.implicit)
        next[t][memberAt(item, 'pref')] = expectedJson(
          op.label === 'tie' ? 'tie' : op.label.toLowerCase(),
          recordOf(t),
        );
      else {
        // B means the file's rejected is better: the saved order swapped (twice is still B); A is the saved order.
        // Two responses with equal content cannot show a swap, so there B toggles as before.
        const c = memberAt(item, 'chosen');
        const r = memberAt(item, 'rejected');
        if (JSON.stringify(JSON.parse(original[t][c])) === JSON.stringify(JSON.parse(original[t][r]))) {
          if (op.label === 'B') [next[t][c], next[t][r]] = [next[t][r], next[t][c]];
        } else if (op.label === 'B') [next[t][c], next[t][r]] = [original[t][r], original[t][c]];
        else [next[t][c], next[t][r]] = [original[t][c], original[t][r]];
      }
    }
    const changed = next.some((texts, k) => texts.some((t, m) => t !== current()[k][m]));
    assert.equal(plan.changes.length > 0, changed);
    ds.apply(plan);
    if (changed) states.push(next);
  }

  for (let k = 0; k < f.items.length; k++) {
    if (f.items[k].valid && !f.items[k].pretty)
      assert.equal(await ds.recordText(k), recordOf(k), 'reads reflect unsaved edits');
  }
  if (states.length > 1) edited++;
  await ds.save();
  const expected = Buffer.from(assemble(f, shape, current()), 'utf8');
  assert.ok(
    readFileSync(file).equals(expected),
    `saved bytes differ\n${JSON.stringify(readFileSync(file, 'utf8'))}\n${JSON.stringify(expected.toString())}`,
  );

  // The index moved by the save must match a fresh index of the saved file.
  const fresh = await Dataset.open(file, { adapter: f.implicit ? implicitAdapter : explicitAdapter });
  assert.equal(fresh.recordCount, ds.recordCount);
  for (let k = 0; k < f.items.length; k++) {
    assert.equal(ds.line(k), fresh.line(k));
    assert.equal(await ds.recordText(k), await fresh.recordText(k));
  }
}

for (const shape of ['jsonl', 'json-array'] as const) {
  test(`${shape}: saving random edits replaces exactly the edited value texts and keeps every other byte`, async () => {
    const dir = tempDir(true);
    let n = 0;
    edited = 0;
    const numRuns = 600;
    try {
      await fc.assert(
        fc.asyncProperty(fileArb(shape), (f) => checkFile(f, shape, dir, n++)),
        { numRuns },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(edited > numRuns / 4, `only ${edited} of ${numRuns} files saved an edit`);
  });
}

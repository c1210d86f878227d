// JSON arrays (Omni-RewardBench's `<task>_preferences.json`, often pretty-printed): find each top-level
// element's byte range by streaming, tracking strings, escapes and depth, never parsing the whole file.
import { open } from 'node:fs/promises';
import { abortError, DEFAULT_CHUNK, isBom, RecordIndex, type IndexOptions } from './recordIndex';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

// Where the scanner is, between top-level elements (depth 0) of the array.
const enum At {
  BeforeArray, // before the opening `[`
  First, // after `[`: a value or `]`
  Value, // after `,`: a value
  Scalar, // inside a number / true / false / null element
  Nested, // inside an object or array element (depth > 0)
  AfterValue, // an element ended: `,` or `]`
  Done, // after the closing `]`
}

function isWs(b: number): boolean {
  return b === 0x20 || b === LF || b === 0x0d || b === 0x09;
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * Indexes a JSON array file: one record per top-level element, its range from its first to its last
 * byte (surrounding whitespace and commas excluded). Structural problems (missing `,`, trailing `,`,
 * an array that never closes, text after `]`) go to `index.problems` with their line; the elements
 * found are still indexed, so a broken element becomes an error record rather than vanishing.
 */
export async function indexJsonArray(filePath: string, opts: IndexOptions = {}): Promise<RecordIndex> {
  const chunkSize = Math.max(opts.chunkSize ?? DEFAULT_CHUNK, 4);
  const fh = await open(filePath, 'r');
  try {
    const total = (await fh.stat()).size;
    const index = new RecordIndex();
    const buf = Buffer.allocUnsafe(chunkSize);
    const head = await fh.read(buf, 0, 3, 0);
    let pos = isBom(buf, head.bytesRead) ? 3 : 0;

    let at = At.BeforeArray;
    let depth = 0;
    let inString = false;
    let escaped = false; // the previous chunk ended inside a string on an odd run of backslashes
    let elemStart = 0;
    let elemEnd = 0;
    let elemLine = 0;
    let line = 1; // line of buf[counted]
    let counted = 0;
    let lastNonWs = -1; // absolute offset of the last non-whitespace byte seen

    const lineAt = (i: number) => {
      line += countLf(buf, counted, i);
      counted = i;
      return line;
    };
    const problem = (i: number, message: string) => index.problems.push({ line: lineAt(i), message });
    const begin = (i: number) => {
      elemStart = pos + i;
      elemLine = lineAt(i);
    };

    scan: for (;;) {
      if (opts.signal?.aborted) throw abortError();
      const { bytesRead } = await fh.read(buf, 0, chunkSize, pos);
      if (bytesRead === 0) break;
      counted = 0;
      let i = 0;
      if (escaped) {
        i = 1;
        escaped = false;
      }
      while (i < bytesRead) {
        if (inString) {
          // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
          const from = i;
          let q = buf.indexOf(QUOTE, i);
          if (q >= bytesRead) q = -1;
          if (q === -1) {
            let run = 0;
            for (let k = bytesRead - 1; k >= from && buf[k] === BACKSLASH; k--) run++;
            escaped = run % 2 === 1;
            let k = bytesRead - 1;
            while (k >= from && isWs(buf[k])) k--;
            if (k >= from) lastNonWs = pos + k;
            break;
          }
          let run = 0;
          for (let k = q - 1; k >= from && buf[k] === BACKSLASH; k--) run++;
          i = q + 1;
          if (run % 2 === 1) continue;
          inString = false;
          lastNonWs = pos + q;
          if (depth === 0) {
            elemEnd = pos + q + 1;
            at = At.AfterValue;
          }
          continue;
        }
        const b = buf[i];
        if (at === At.Nested) {
          if (b === QUOTE) inString = true;
          else if (b === 0x7b || b === 0x5b) depth++;
          else if (b === 0x7d || b === 0x5d) {
            if (--depth === 0) {
              elemEnd = pos + i + 1;
              at = At.AfterValue;
            }
          }
          if (!isWs(b)) lastNonWs = pos + i;
          i++;
          continue;
        }
        if (isWs(b)) {
          if (at === At.Scalar) at = At.AfterValue;
          i++;
          continue;
        }
        lastNonWs = pos + i;
        switch (at) {
          case At.BeforeArray:
            if (b !== 0x5b) {
              problem(i, 'expected `[` at the start of a JSON array file');
              break scan;
            }
            at = At.First;
            break;
          case At.Done:
            problem(i, 'unexpected text after the closing `]` of the array');
            break scan;
          default:
            if (b === 0x2c /* , */ || b === 0x5d /* ] */) {
              if (at === At.Scalar || at === At.AfterValue) index.push(elemStart, elemEnd, elemLine);
              else if (b === 0x2c) problem(i, 'empty element: `,` where a value was expected');
              else if (at === At.Value) problem(i, 'trailing `,` before the closing `]`');
              at = b === 0x2c ? At.Value : At.Done;
            } else if (b === 0x7d) {
              problem(i, 'unexpected `}` between array elements');
            } else if (at === At.Scalar && b !== 0x7b && b !== 0x5b && b !== QUOTE) {
              elemEnd = pos + i + 1;
            } else {
              if (at === At.AfterValue || at === At.Scalar) {
                problem(i, 'missing `,` between array elements');
                index.push(elemStart, elemEnd, elemLine);
              }
              begin(i);
              if (b === 0x7b || b === 0x5b) {
                depth = 1;
                at = At.Nested;
              } else if (b === QUOTE) {
                inString = true;
                at = At.Nested; // a string element: it ends when the string closes at depth 0
              } else {
                at = At.Scalar;
                elemEnd = pos + i + 1;
              }
            }
        }
        i++;
      }
      line += countLf(buf, counted, bytesRead);
      counted = bytesRead;
      pos += bytesRead;
      opts.onProgress?.(pos, total, index.count);
      opts.onChunk?.(index);
    }

    // Report end-of-file problems on the last line with text, not on the empty line after a final newline.
    let lastLine = line;
    for (let from = lastNonWs + 1; from < pos; from += chunkSize) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(chunkSize, pos - from), from);
      lastLine -= countLf(buf, 0, bytesRead);
    }
    const endProblem = (message: string) => index.problems.push({ line: lastLine, message });
    if (at === At.BeforeArray) endProblem('expected a JSON array, found no `[`');
    else if (at !== At.Done) {
      const inElement = at === At.Nested || at === At.Scalar || at === At.AfterValue || inString;
      if (inElement) {
        // Keep the broken tail as a record so it is shown (as an error) rather than silently dropped.
        const complete = at === At.Scalar || at === At.AfterValue;
        index.push(elemStart, complete ? elemEnd : lastNonWs + 1, elemLine);
      }
      endProblem(
        inString
          ? 'the file ends inside a string: the array is not closed'
          : at === At.Nested
            ? 'the file ends inside an element: the array is not closed'
            : 'the file ends before the closing `]` of the array',
      );
    }
    index.trim();
    return index;
  } finally {
    await fh.close();
  }
}

// JSON Lines: find every non-blank line's byte range and line number by streaming the file in chunks.
import { open } from 'node:fs/promises';
import { abortError, DEFAULT_CHUNK, isBom, RecordIndex, type IndexOptions } from './recordIndex';

const LF = 0x0a;
const CR = 0x0d;

/** True when buf[from, to) has a byte other than space, tab or CR (blank lines are not records). */
function hasContent(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x09 && b !== CR) return true;
  }
  return false;
}

/**
 * Indexes a JSONL file: one record per non-blank line, its range excluding the line break (LF or CRLF)
 * and a leading UTF-8 BOM. The hot loop allocates nothing: Buffer.indexOf finds each LF.
 */
export async function indexLines(filePath: string, opts: IndexOptions = {}): Promise<RecordIndex> {
  const chunkSize = Math.max(opts.chunkSize ?? DEFAULT_CHUNK, 4);
  const fh = await open(filePath, 'r');
  try {
    const total = (await fh.stat()).size;
    const index = new RecordIndex();
    const buf = Buffer.allocUnsafe(chunkSize);
    const head = await fh.read(buf, 0, 3, 0);
    let pos = isBom(buf, head.bytesRead) ? 3 : 0; // absolute offset of buf[0]
    let lineStart = pos;
    let line = 1;
    let content = false; // the current line has a non-blank byte so far
    let prevByte = -1; // last byte of the previous chunk (a CR there belongs to a CRLF split across chunks)
    for (;;) {
      if (opts.signal?.aborted) throw abortError();
      const { bytesRead } = await fh.read(buf, 0, chunkSize, pos);
      if (bytesRead === 0) break;
      let i = 0;
      while (i < bytesRead) {
        let nl = buf.indexOf(LF, i);
        if (nl >= bytesRead) nl = -1; // stale bytes past the end of a short final chunk
        const stop = nl === -1 ? bytesRead : nl;
        if (!content) content = hasContent(buf, i, stop);
        if (nl === -1) break;
        if (content) {
          const cr = nl > 0 ? buf[nl - 1] === CR : prevByte === CR;
          index.push(lineStart, pos + nl - (cr ? 1 : 0), line);
        }
        line++;
        lineStart = pos + nl + 1;
        content = false;
        i = nl + 1;
      }
      prevByte = buf[bytesRead - 1];
      pos += bytesRead;
      opts.onProgress?.(pos, total, index.count);
      opts.onChunk?.(index);
    }
    if (content) index.push(lineStart, pos - (prevByte === CR ? 1 : 0), line); // no final newline
    index.trim();
    return index;
  } finally {
    await fh.close();
  }
}

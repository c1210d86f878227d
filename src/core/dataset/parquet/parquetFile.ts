// A Parquet file on disk as hyparquet reads it: byte ranges on demand (never the whole file), the footer
// metadata checked up front, and every failure turned into one message that names the file and the part.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parquetMetadata, type AsyncBuffer, type FileMetaData } from 'hyparquet';

const MAGIC = 'PAR1';

export interface ParquetFile {
  path: string;
  size: number;
  metadata: FileMetaData;
  buffer: AsyncBuffer;
  /** Byte ranges read since open (tests and benchmarks check that a page reads only what it needs). */
  reads: { ranges: number; bytes: number };
}

/** True when the bytes start with Parquet's magic `PAR1`. */
export function isParquetMagic(b: Uint8Array): boolean {
  return b.length >= 4 && String.fromCharCode(b[0], b[1], b[2], b[3]) === MAGIC;
}

/** Opens the footer of a Parquet file; rejects with what is wrong (not Parquet, truncated, bad footer). */
export async function openParquetFile(filePath: string, size: number): Promise<ParquetFile> {
  const name = basename(filePath);
  const reads = { ranges: 0, bytes: 0 };
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number) {
      const stop = Math.min(end ?? size, size);
      const out = new Uint8Array(Math.max(0, stop - start));
      const fh = await open(filePath, 'r');
      try {
        for (let done = 0; done < out.length;) {
          const { bytesRead } = await fh.read(out, done, out.length - done, start + done);
          if (bytesRead === 0)
            throw new Error(
              `${name} is shorter than its Parquet metadata says (at byte ${start + done}); it changed on disk — reload it`,
            );
          done += bytesRead;
        }
      } finally {
        await fh.close();
      }
      reads.ranges++;
      reads.bytes += out.length;
      return out.buffer;
    },
  };
  if (size < 12)
    throw new Error(
      `${name} is not a valid Parquet file: ${size} bytes is shorter than the 12 of an empty one (truncated?)`,
    );
  const head = new Uint8Array(await buffer.slice(0, 4));
  const tail = new Uint8Array(await buffer.slice(size - 8, size));
  if (!isParquetMagic(head)) throw new Error(`${name} is not a Parquet file: it does not start with \`PAR1\``);
  if (!isParquetMagic(tail.subarray(4))) {
    throw new Error(
      `${name} is not a valid Parquet file: the footer does not end with \`PAR1\` (the file is truncated or was not written to the end)`,
    );
  }
  const footerLength = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
  if (footerLength + 12 > size) {
    throw new Error(
      `${name} is not a valid Parquet file: the footer says its metadata is ${footerLength} bytes, but the file has only ${size} (corrupt footer length)`,
    );
  }
  let metadata: FileMetaData;
  try {
    // Exactly the footer: the metadata and its length and magic (hyparquet would guess 512 KB).
    metadata = parquetMetadata(await buffer.slice(size - footerLength - 8, size));
  } catch (e) {
    throw new Error(`${name} is not a valid Parquet file: its footer metadata cannot be read (${messageOf(e)})`, {
      cause: e,
    });
  }
  const problem = checkMetadata(metadata, size);
  if (problem) throw new Error(`${name} is not a valid Parquet file: ${problem}`);
  return { path: filePath, size, metadata, buffer, reads };
}

/** The first row group or column chunk whose byte range leaves the file, or whose row count is impossible. */
function checkMetadata(md: FileMetaData, size: number): string | undefined {
  let rows = 0;
  for (const [g, rg] of md.row_groups.entries()) {
    rows += Number(rg.num_rows);
    for (const chunk of rg.columns) {
      const meta = chunk.meta_data;
      if (!meta) return `row group ${g}: a column chunk has no metadata`;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (start < 4 || end > size) {
        return `row group ${g}, column \`${meta.path_in_schema.join('.')}\`: its bytes ${start}–${end} lie outside the file (${size} bytes)`;
      }
    }
  }
  if (rows !== Number(md.num_rows)) return `the row groups hold ${rows} rows but the footer says ${md.num_rows}`;
  return undefined;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// JSON array, JSON Lines or Parquet? Parquet's magic `PAR1` at byte 0 or a `.parquet` name decides first (so a
// damaged Parquet file gets Parquet's error, not one per "line"); otherwise the first non-whitespace byte after
// an optional UTF-8 BOM: `[` → array, anything else → JSON Lines.
import { open } from 'node:fs/promises';
import { isParquetMagic } from './parquet/parquetFile';

export type Shape = 'jsonl' | 'json-array' | 'parquet';

export async function detectShape(filePath: string): Promise<Shape> {
  if (/\.parquet$/i.test(filePath)) return 'parquet';
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let pos = 0; ;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return 'jsonl';
      if (pos === 0 && isParquetMagic(buf.subarray(0, bytesRead))) return 'parquet';
      let i = pos === 0 && bytesRead >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (; i < bytesRead; i++) {
        const b = buf[i];
        if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b === 0x5b ? 'json-array' : 'jsonl';
      }
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/** How the shape is named to a user. */
export function shapeName(shape: Shape): string {
  return shape === 'jsonl' ? 'JSON Lines' : shape === 'json-array' ? 'JSON array' : 'Parquet';
}

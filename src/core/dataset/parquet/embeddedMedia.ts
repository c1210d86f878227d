// What a Parquet Image/Audio/Video cell becomes in a record: a placeholder naming (row, column), not the bytes.
// Adapters see it where a `{bytes, path}` object would be; media.ts turns it into an `embedded` MediaRef and the
// host or a scorer reads the bytes on demand (ParquetSource.readMedia).
import type { Modality } from '../types';

export class EmbeddedMedia {
  constructor(
    readonly modality: Exclude<Modality, 'text'>,
    /** 0-based row in the file. */
    readonly row: number,
    /** Top-level column. */
    readonly column: string,
    /** The `path` stored beside the bytes (a file name hint), or null. */
    readonly path: string | null,
    /** Position within a list of media in the cell. */
    readonly item?: number,
  ) {}

  /** How the record shows it as text (error records, the raw view): the path and where the bytes are. */
  toJSON(): { bytes: string; path: string | null } {
    const at = `row ${this.row + 1}, column \`${this.column}\`${this.item !== undefined ? ` item ${this.item + 1}` : ''}`;
    return { bytes: `<${this.modality} bytes embedded in the Parquet file: ${at}>`, path: this.path };
  }
}

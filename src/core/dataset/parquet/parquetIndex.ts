// The row-group index: where each row group starts, so a page of rows maps to the few groups that hold it
// (Parquet's peer of the JSON Lines line index).
import type { FileMetaData } from 'hyparquet';

export class RowGroupIndex {
  /** starts[g] = first row of group g; starts[groups] = total rows. */
  private readonly starts: Float64Array;

  constructor(metadata: FileMetaData) {
    this.starts = new Float64Array(metadata.row_groups.length + 1);
    metadata.row_groups.forEach((rg, g) => (this.starts[g + 1] = this.starts[g] + Number(rg.num_rows)));
  }

  get groups(): number {
    return this.starts.length - 1;
  }
  get rows(): number {
    return this.starts[this.starts.length - 1];
  }
  start(g: number): number {
    return this.starts[g];
  }
  end(g: number): number {
    return this.starts[g + 1];
  }

  /** The group holding `row` (binary search; empty groups are skipped). */
  groupOf(row: number): number {
    let lo = 0;
    let hi = this.groups - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    while (lo < this.groups - 1 && this.starts[lo + 1] <= row) lo++;
    return lo;
  }
}

// Pages of rows fetched from the host for one view, with a bound on how many are kept.
import type { RowView } from '../../src/protocol';

export class RowCache {
  private pages = new Map<number, RowView[]>();
  private inFlight = new Set<number>();

  constructor(
    readonly pageSize: number,
    private readonly maxPages = 64,
  ) {}

  row(pos: number): RowView | undefined {
    return this.pages.get(Math.floor(pos / this.pageSize))?.[pos % this.pageSize];
  }

  /** Whether the page is cached with at least `expected` rows (a page fetched while the view was shorter has fewer). */
  has(page: number, expected = 0): boolean {
    const rows = this.pages.get(page);
    if (rows && rows.length < expected) this.pages.delete(page);
    return !!rows && rows.length >= expected;
  }

  /** Whether a fetch for `page` should start now (not cached, not already on its way). */
  claim(page: number): boolean {
    if (this.pages.has(page) || this.inFlight.has(page)) return false;
    this.inFlight.add(page);
    return true;
  }

  put(page: number, rows: RowView[]): void {
    this.inFlight.delete(page);
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value as number);
  }

  /** A fetch failed or was for a stale view: let the page be claimed again. */
  release(page: number): void {
    this.inFlight.delete(page);
  }

  /** Drops short pages (the end of a view that has since grown), so they are fetched again. */
  dropPartial(): void {
    for (const [page, rows] of this.pages) if (rows.length < this.pageSize) this.pages.delete(page);
  }

  touch(page: number): void {
    const rows = this.pages.get(page);
    if (rows) {
      this.pages.delete(page);
      this.pages.set(page, rows);
    }
  }

  clear(): void {
    this.pages.clear();
    this.inFlight.clear();
  }
}

// bench:parquet — a hub Parquet file with embedded images through the dataset core: time to the first page,
// paging to the last row group, one image read by (row, column), a whole-file scan, and peak RSS throughout.
// Run: npm run bench:parquet -- FILE.parquet (node --import tsx). A ~1 GB file can be written with `datasets`
// (see test/fixtures/parquet/make.py for the layout). Prints figures; never fails on time.
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run bench:parquet -- FILE.parquet\n');
  process.exit(2);
}
const { Dataset } = await import('../src/core/dataset/dataset.ts');

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;

let t = performance.now();
const ds = await Dataset.open(file);
const first = await ds.readRecords(0, 50);
console.log(`${file}: ${mb(statSync(file).size)}, ${ds.recordCount} rows, format ${ds.format?.id ?? 'none'}`);
console.log(`first page (open + 50 records): ${ms(t)}, ${first.filter((r) => r.kind === 'pair').length} pairs`);

t = performance.now();
const last = await ds.readRecords(Math.max(0, ds.recordCount - 50), 50);
console.log(`last page: ${ms(t)}, ${last.length} records`);

const media = first
  .flatMap((r) => (r.kind === 'pair' ? [...r.prompt, ...r.a.parts, ...r.b.parts] : []))
  .find((p) => p.type === 'media' && p.media.source.kind === 'embedded');
if (media) {
  t = performance.now();
  const bytes = await ds.readMedia(media.media.source);
  console.log(
    `one embedded ${media.media.modality}: ${ms(t)}, ${'error' in bytes ? bytes.error : `${bytes.length} bytes`}`,
  );
}

t = performance.now();
const stats = await ds.scan();
sample();
console.log(`scan: ${ms(t)}, ${stats.records} records, ${stats.errorCount} errors`);
clearInterval(timer);
console.log(
  `peak RSS: ${mb(peak)} (file ${mb(statSync(file).size)}, ratio ${(peak / statSync(file).size).toFixed(2)})`,
);

// One indexing pass over FILE in a process of its own (bundled by bench/index.ts, so its peak RSS is the
// index's); prints JSON: records, ms (the indexing call alone), indexBytes.
import { indexLines } from '../src/core/dataset/lineIndex';

async function main(file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const index = await indexLines(file);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ records: index.count, ms, indexBytes: index.byteSize }) + '\n');
}

void main(process.argv[2]);

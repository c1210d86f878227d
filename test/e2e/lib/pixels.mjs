// Whether a screenshot of an element shows a picture rather than one flat colour (a WebGL canvas that drew nothing).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './tools.mjs';

const sharp = createRequire(path.join(ROOT, 'package.json'))('sharp');

/** Number of distinct colours (quantised to 5 bits a channel) in a PNG. */
export async function distinctColours(png) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const seen = new Set();
  for (let i = 0; i < data.length; i += info.channels)
    seen.add(((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3));
  return seen.size;
}

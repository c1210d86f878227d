// CLIPImageProcessor in TypeScript: decode, resize the shortest side, centre-crop, rescale, normalise.
// The resize is ours because library resizers are not faithful: transformers' processors use an
// antialiased bicubic (a = −0.5) whose support widens with the downscale factor.
import sharp, { type OutputInfo } from 'sharp';

/** The fields of preprocessor_config.json a CLIP-style image processor reads. */
export interface ImageProcessorConfig {
  doResize: boolean;
  /** `shortest_edge` (aspect kept) or an exact height × width. */
  size: { shortestEdge: number } | { height: number; width: number };
  doCenterCrop: boolean;
  cropSize: { height: number; width: number };
  doRescale: boolean;
  rescaleFactor: number;
  doNormalize: boolean;
  imageMean: [number, number, number];
  imageStd: [number, number, number];
}

/**
 * Which Python resize to reproduce. 'torchvision' = transformers' default (fast) CLIPImageProcessor,
 * whose uint8 resize on CPU runs PyTorch's AVX antialias kernel (int16 fixed-point weights);
 * 'pillow' = the `use_fast=False` processor (22-bit fixed point). Both round to 8 bits after each pass,
 * and differ by at most one level (0.015 after normalisation) on a few pixels.
 */
export type ResizeBackend = 'torchvision' | 'pillow';

/** An 8-bit RGB image, interleaved (HWC). */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const CLIP_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];

/** Reads preprocessor_config.json (already parsed); throws a message naming the field on bad values. */
export function parseImageProcessorConfig(json: unknown, file = 'preprocessor_config.json'): ImageProcessorConfig {
  if (!json || typeof json !== 'object') throw new Error(`${file}: expected a JSON object`);
  const j = json as Record<string, unknown>;
  const num = (v: unknown, field: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new Error(`${file}: \`${field}\` must be a positive number`);
    return v;
  };
  const hw = (v: unknown, field: string): { height: number; width: number } | { shortestEdge: number } => {
    if (typeof v === 'number') return { height: num(v, field), width: v };
    if (!v || typeof v !== 'object') throw new Error(`${file}: \`${field}\` must be a number or an object`);
    const o = v as Record<string, unknown>;
    if ('shortest_edge' in o) return { shortestEdge: num(o.shortest_edge, `${field}.shortest_edge`) };
    return { height: num(o.height, `${field}.height`), width: num(o.width, `${field}.width`) };
  };
  const triple = (v: unknown, field: string, dflt: [number, number, number]): [number, number, number] => {
    if (v === undefined) return dflt;
    if (typeof v === 'number') return [v, v, v];
    if (!Array.isArray(v) || v.length !== 3 || v.some((x) => typeof x !== 'number'))
      throw new Error(`${file}: \`${field}\` must be three numbers`);
    return v as [number, number, number];
  };
  if (j.resample !== undefined && j.resample !== 3) {
    throw new Error(
      `${file}: \`resample\` ${JSON.stringify(j.resample)} is not supported (only 3 = bicubic, what CLIP processors use)`,
    );
  }
  const size = hw(j.size ?? { shortest_edge: 224 }, 'size');
  let crop = hw(
    j.crop_size ?? ('shortestEdge' in size ? { height: size.shortestEdge, width: size.shortestEdge } : size),
    'crop_size',
  );
  if ('shortestEdge' in crop) throw new Error(`${file}: \`crop_size\` must give height and width`);
  const doCenterCrop = j.do_center_crop !== false;
  // Without a crop every image must come out of the resize at one size, or they cannot share a batch.
  if (!doCenterCrop) {
    if (j.do_resize === false || 'shortestEdge' in size)
      throw new Error(
        `${file}: \`do_center_crop\` false needs a resize to a fixed height and width (images of different sizes cannot be batched)`,
      );
    crop = size;
  }
  return {
    doResize: j.do_resize !== false,
    size,
    doCenterCrop,
    cropSize: crop,
    doRescale: j.do_rescale !== false,
    rescaleFactor: j.rescale_factor === undefined ? 1 / 255 : num(j.rescale_factor, 'rescale_factor'),
    doNormalize: j.do_normalize !== false,
    imageMean: triple(j.image_mean, 'image_mean', CLIP_MEAN),
    imageStd: triple(j.image_std, 'image_std', CLIP_STD),
  };
}

/**
 * Decodes JPEG/PNG/WebP/GIF/TIFF bytes to 8-bit RGB (libjpeg-turbo decoding, like Pillow). Transparent
 * images are composited on white and greyscale widened to RGB, as transformers' `convert_rgb` does.
 */
export async function decodeImage(bytes: Uint8Array): Promise<RgbImage> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(bytes, { failOn: 'error' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    // libvips repeats its complaint per attempt: keep the first line without the "VipsJpeg: " prefix.
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/^.*?Vips\w*: /, '');
    throw new Error(`not a readable image (${why})`, { cause: e });
  }
  const { data, info } = decoded;
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected RGB`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** transformers' get_resize_output_image_size(default_to_square=False): the short side becomes `edge`. */
export function shortestEdgeSize(width: number, height: number, edge: number): { width: number; height: number } {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  if (short === edge) return { width, height };
  const newLong = Math.trunc((edge * long) / short);
  return width <= height ? { width: edge, height: newLong } : { width: newLong, height: edge };
}

/** Keys' cubic with a = −0.5 (Pillow's and PyTorch's antialiased bicubic). */
function cubic(x: number): number {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

interface Taps {
  start: Int32Array;
  count: Int32Array;
  /** `maxTaps` weights per output pixel. */
  weights: Float64Array;
  maxTaps: number;
}

/**
 * Antialiased filter taps for one axis, in double precision, as Pillow's `precompute_coeffs` and PyTorch's
 * `_compute_weights_aa` compute them: when shrinking, the support widens by the scale so every input pixel counts.
 */
function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const filterScale = scale >= 1 ? scale : 1;
  const support = 2 * filterScale;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xsize = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let j = 0; j < xsize; j++) {
      const w = cubic((j + xmin - center + 0.5) / filterScale);
      weights[i * maxTaps + j] = w;
      total += w;
    }
    if (total !== 0) for (let j = 0; j < xsize; j++) weights[i * maxTaps + j] /= total;
    start[i] = xmin;
    count[i] = xsize;
  }
  return { start, count, weights, maxTaps };
}

/**
 * One separable pass in fixed point, 8-bit result: Pillow's ImagingResample (22 fraction bits) or
 * PyTorch's AVX uint8 antialias kernel that torchvision uses on CPU (as many bits as int16 weights allow).
 */
function fixedPointPass(
  src: Uint8Array,
  w: number,
  h: number,
  outLen: number,
  horizontal: boolean,
  backend: ResizeBackend,
): Uint8Array {
  const t = taps(horizontal ? w : h, outLen);
  let bits = PILLOW_PRECISION_BITS;
  if (backend === 'torchvision') {
    let maxWeight = 0;
    for (const v of t.weights) maxWeight = Math.max(maxWeight, v);
    for (bits = 0; bits < 22; bits++) if (Math.trunc(0.5 + maxWeight * 2 ** (bits + 1)) >= 1 << 15) break;
  }
  const fixed = new Int32Array(t.weights.length);
  for (let i = 0; i < fixed.length; i++) {
    const v = t.weights[i] * 2 ** bits;
    fixed[i] = Math.trunc(v < 0 ? v - 0.5 : v + 0.5);
  }
  const ow = horizontal ? outLen : w;
  const oh = horizontal ? h : outLen;
  const out = new Uint8Array(ow * oh * 3);
  const half = bits > 0 ? 2 ** (bits - 1) : 0;
  const unit = 2 ** bits;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const o = horizontal ? x : y;
      for (let c = 0; c < 3; c++) {
        let ss = half;
        for (let k = 0; k < t.count[o]; k++) {
          const s = t.start[o] + k;
          const v = horizontal ? src[(y * w + s) * 3 + c] : src[(s * w + x) * 3 + c];
          ss += v * fixed[o * t.maxTaps + k];
        }
        const q = Math.floor(ss / unit);
        out[(y * ow + x) * 3 + c] = q < 0 ? 0 : q > 255 ? 255 : q;
      }
    }
  }
  return out;
}

const PILLOW_PRECISION_BITS = 32 - 8 - 2;

/** Python's round(): half to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return d > 0.5 ? f + 1 : f;
  return f % 2 === 0 ? f : f + 1;
}

/** Antialiased bicubic resize, as the chosen Python backend does it. */
export function resizeBicubic(
  img: RgbImage,
  width: number,
  height: number,
  backend: ResizeBackend = 'torchvision',
): RgbImage {
  let data = img.data;
  let w = img.width;
  if (width !== w) {
    data = fixedPointPass(data, w, img.height, width, true, backend);
    w = width;
  }
  if (height !== img.height) data = fixedPointPass(data, w, img.height, height, false, backend);
  return { width, height, data };
}

/**
 * Centre crop to height × width. torchvision rounds the offset half to even, Pillow's path floors it;
 * a crop larger than the image pads with zeros, as both do.
 */
export function centerCrop(
  img: RgbImage,
  width: number,
  height: number,
  backend: ResizeBackend = 'torchvision',
): RgbImage {
  if (width === img.width && height === img.height) return img;
  const offset = (inner: number, outer: number) => {
    const half = (outer - inner) / 2;
    return backend === 'pillow' ? Math.floor(half) : roundHalfEven(half);
  };
  const top = offset(height, img.height);
  const left = offset(width, img.width);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = y + top;
    if (sy < 0 || sy >= img.height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x + left;
      if (sx < 0 || sx >= img.width) continue;
      const s = (sy * img.width + sx) * 3;
      const d = (y * width + x) * 3;
      data[d] = img.data[s];
      data[d + 1] = img.data[s + 1];
      data[d + 2] = img.data[s + 2];
    }
  }
  return { width, height, data };
}

/** Resize, crop, rescale and normalise an RGB image into CHW float32 `pixel_values` for one image. */
export function toPixelValues(
  img: RgbImage,
  cfg: ImageProcessorConfig,
  backend: ResizeBackend = 'torchvision',
): Float32Array {
  let im = img;
  if (cfg.doResize) {
    const target = 'shortestEdge' in cfg.size ? shortestEdgeSize(im.width, im.height, cfg.size.shortestEdge) : cfg.size;
    im = resizeBicubic(im, target.width, target.height, backend);
  }
  if (cfg.doCenterCrop) im = centerCrop(im, cfg.cropSize.width, cfg.cropSize.height, backend);
  const n = im.width * im.height;
  const out = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) {
    const scale = cfg.doRescale ? cfg.rescaleFactor : 1;
    const mean = cfg.doNormalize ? cfg.imageMean[c] : 0;
    const std = cfg.doNormalize ? cfg.imageStd[c] : 1;
    for (let i = 0; i < n; i++) out[c * n + i] = (im.data[i * 3 + c] * scale - mean) / std;
  }
  return out;
}

/** Image file bytes → `pixel_values` [3, H, W] for a CLIP-style model. */
export async function preprocessImage(
  bytes: Uint8Array,
  cfg: ImageProcessorConfig,
  backend: ResizeBackend = 'torchvision',
): Promise<Float32Array> {
  return toPixelValues(await decodeImage(bytes), cfg, backend);
}

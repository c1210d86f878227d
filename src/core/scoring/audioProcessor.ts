// ClapFeatureExtractor in TypeScript: WAV decoding, resampling, repeat-padding and slaney log-mel features, as
// transformers computes them (audio_utils.spectrogram + mel_filter_bank), so the features match Python's.
import FFT from 'fft.js';

/** The fields of a ClapFeatureExtractor's preprocessor_config.json. */
export interface ClapFeatureConfig {
  featureSize: number;
  samplingRate: number;
  hopLength: number;
  fftWindowSize: number;
  maxSamples: number;
  frequencyMin: number;
  frequencyMax: number;
  padding: 'repeatpad' | 'repeat' | 'pad';
  truncation: 'rand_trunc' | 'fusion';
}

export function parseClapFeatureConfig(json: unknown, file = 'preprocessor_config.json'): ClapFeatureConfig {
  if (!json || typeof json !== 'object') throw new Error(`${file}: expected a JSON object`);
  const j = json as Record<string, unknown>;
  const num = (field: string, dflt: number, positive = true): number => {
    const v = j[field] ?? dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || (positive ? v <= 0 : v < 0))
      throw new Error(`${file}: \`${field}\` must be a ${positive ? 'positive' : 'non-negative'} number`);
    return v;
  };
  const fft = num('fft_window_size', 1024);
  if ((fft & (fft - 1)) !== 0)
    throw new Error(`${file}: \`fft_window_size\` ${fft} is not a power of two (only those are supported)`);
  const padding = (j.padding ?? 'repeatpad') as string;
  if (!['repeatpad', 'repeat', 'pad'].includes(padding))
    throw new Error(`${file}: \`padding\` "${padding}" is not one of repeatpad, repeat, pad`);
  const truncation = (j.truncation ?? 'fusion') as string;
  if (truncation !== 'rand_trunc') {
    throw new Error(
      `${file}: \`truncation\` "${truncation}" is not supported (only rand_trunc: models exported without fusion take one 10 s window)`,
    );
  }
  const sr = num('sampling_rate', 48000);
  return {
    featureSize: num('feature_size', 64),
    samplingRate: sr,
    hopLength: num('hop_length', 480),
    fftWindowSize: fft,
    maxSamples: typeof j.nb_max_samples === 'number' ? j.nb_max_samples : num('max_length_s', 10) * sr,
    frequencyMin: num('frequency_min', 0, false),
    frequencyMax: num('frequency_max', 14000),
    padding: padding as ClapFeatureConfig['padding'],
    truncation: 'rand_trunc',
  };
}

/** Mono samples in [−1, 1) and their rate. */
export interface Audio {
  samples: Float64Array;
  sampleRate: number;
}

/**
 * Decodes a RIFF/WAVE file: PCM 8/16/24/32-bit or IEEE float 32/64-bit; channels are averaged to mono
 * (librosa's to_mono). 16-bit samples become s / 32768, as Python's wave + numpy loaders do.
 */
export function decodeWav(bytes: Uint8Array): Audio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  let data: { at: number; size: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      let format = view.getUint16(at + 8, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the sub-format GUID's first two bytes.
      if (format === 0xfffe && size >= 26) format = view.getUint16(at + 32, true);
      fmt = {
        format,
        channels: view.getUint16(at + 10, true),
        rate: view.getUint32(at + 12, true),
        bits: view.getUint16(at + 22, true),
      };
    } else if (id === 'data') {
      data = { at: at + 8, size: Math.min(size, bytes.length - at - 8) };
      break;
    }
    at += 8 + size + (size & 1);
  }
  if (!fmt) throw new Error('WAV file has no fmt chunk');
  if (!data) throw new Error('WAV file has no data chunk');
  const { format, channels, rate, bits } = fmt;
  const read = sampleReader(view, format, bits);
  if (!read || channels < 1)
    throw new Error(
      `WAV format ${format} with ${bits}-bit samples is not supported (PCM 8/16/24/32-bit or float 32/64-bit)`,
    );
  const width = bits / 8;
  const frames = Math.floor(data.size / (width * channels));
  const samples = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(data.at + (i * channels + c) * width);
    samples[i] = channels === 1 ? sum : sum / channels;
  }
  return { samples, sampleRate: rate };
}

function sampleReader(view: DataView, format: number, bits: number): ((at: number) => number) | undefined {
  if (format === 1) {
    if (bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
    if (bits === 16) return (at) => view.getInt16(at, true) / 32768;
    if (bits === 24)
      return (at) => (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    if (bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  }
  if (format === 3) {
    if (bits === 32) return (at) => view.getFloat32(at, true);
    if (bits === 64) return (at) => view.getFloat64(at, true);
  }
  return undefined;
}

/**
 * Band-limited resampling with torchaudio.functional.resample's default kernel (Hann-windowed sinc, 6 zero
 * crossings, rolloff 0.99). Close to, not bit-identical with, what a Python pipeline's resampler gives.
 */
export function resample(audio: Audio, rate: number): Audio {
  if (audio.sampleRate === rate) return audio;
  const { samples, sampleRate: orig } = audio;
  const width = 6;
  const base = Math.min(orig, rate) * 0.99;
  const halfWidth = (width * orig) / base;
  const n = Math.ceil((samples.length * rate) / orig);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const center = (j * orig) / rate;
    let acc = 0;
    for (
      let k = Math.max(0, Math.ceil(center - halfWidth));
      k <= Math.min(samples.length - 1, Math.floor(center + halfWidth));
      k++
    ) {
      const t = ((k - center) * base) / orig;
      const w = Math.cos((Math.PI * t) / width / 2) ** 2;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      acc += samples[k] * w * sinc;
    }
    out[j] = (acc * base) / orig;
  }
  return { samples: out, sampleRate: rate };
}

function hzToMelSlaney(f: number): number {
  return f >= 1000 ? 15 + Math.log(f / 1000) * (27 / Math.log(6.4)) : (3 * f) / 200;
}

function melToHzSlaney(m: number): number {
  return m >= 15 ? 1000 * Math.exp((Math.log(6.4) / 27) * (m - 15)) : (200 * m) / 3;
}

/** numpy.linspace: start + i·step, the last point exactly `stop`. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/** transformers' mel_filter_bank(norm="slaney", mel_scale="slaney"): [frequency bins][mel filters]. */
export function slaneyMelFilters(cfg: ClapFeatureConfig): Float64Array[] {
  const bins = cfg.fftWindowSize / 2 + 1;
  const mels = linspace(hzToMelSlaney(cfg.frequencyMin), hzToMelSlaney(cfg.frequencyMax), cfg.featureSize + 2);
  const filterFreqs = Array.from(mels, melToHzSlaney);
  const fftFreqs = linspace(0, Math.floor(cfg.samplingRate / 2), bins);
  const filters: Float64Array[] = [];
  for (let b = 0; b < bins; b++) {
    const row = new Float64Array(cfg.featureSize);
    for (let m = 0; m < cfg.featureSize; m++) {
      const down = -(filterFreqs[m] - fftFreqs[b]) / (filterFreqs[m + 1] - filterFreqs[m]);
      const up = (filterFreqs[m + 2] - fftFreqs[b]) / (filterFreqs[m + 2] - filterFreqs[m + 1]);
      const enorm = 2 / (filterFreqs[m + 2] - filterFreqs[m]);
      row[m] = Math.max(0, Math.min(down, up)) * enorm;
    }
    filters.push(row);
  }
  return filters;
}

/**
 * The waveform a ClapFeatureExtractor (rand_trunc) feeds its spectrogram: longer clips are cut to `maxSamples`
 * (Python cuts at a random offset; we take the start, so scores are reproducible), shorter ones are repeated
 * ⌊max / length⌋ times ('repeatpad') or until full ('repeat'), then zero-padded.
 */
export function fitToWindow(samples: Float64Array, cfg: ClapFeatureConfig): { samples: Float64Array; longer: boolean } {
  const max = cfg.maxSamples;
  if (samples.length > max) return { samples: samples.slice(0, max), longer: true };
  const out = new Float64Array(max);
  if (samples.length === 0) return { samples: out, longer: false };
  const repeats =
    cfg.padding === 'repeatpad'
      ? Math.floor(max / samples.length)
      : cfg.padding === 'repeat'
        ? Math.ceil(max / samples.length)
        : 1;
  for (let r = 0; r < repeats; r++) {
    const at = r * samples.length;
    if (at >= max) break;
    out.set(at + samples.length <= max ? samples : samples.subarray(0, max - at), at);
  }
  return { samples: out, longer: false };
}

const filterCache = new WeakMap<ClapFeatureConfig, Float64Array[]>();

/**
 * Log-mel features [frames][mel bins] (float32) of one waveform at the extractor's rate: centred STFT with
 * reflect padding and a periodic Hann window, power spectrum (via complex64, as numpy stores it), slaney mel
 * filters, floor 1e-10, 10·log10.
 */
export function logMelFeatures(waveform: Float64Array, cfg: ClapFeatureConfig): Float32Array {
  const n = cfg.fftWindowSize;
  const half = n / 2;
  const len = waveform.length;
  if (len <= half) throw new Error(`audio too short for the ${n}-sample STFT window`);
  // Reflect padding (numpy 'reflect': the edge sample is not repeated).
  const padded = new Float64Array(len + n);
  padded.set(waveform, half);
  for (let i = 1; i <= half; i++) {
    padded[half - i] = waveform[i];
    padded[half + len - 1 + i] = waveform[len - 1 - i];
  }
  const frames = 1 + Math.floor((padded.length - n) / cfg.hopLength);
  const window = new Float64Array(n);
  for (let i = 0; i < n; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  let filters = filterCache.get(cfg);
  if (!filters) filterCache.set(cfg, (filters = slaneyMelFilters(cfg)));
  const bins = half + 1;
  const mels = cfg.featureSize;
  const fft = new FFT(n);
  const buffer = new Float64Array(n);
  const spectrum = fft.createComplexArray() as number[];
  const power = new Float64Array(bins);
  const out = new Float32Array(frames * mels);
  const acc = new Float64Array(mels);
  for (let f = 0; f < frames; f++) {
    const start = f * cfg.hopLength;
    for (let i = 0; i < n; i++) buffer[i] = padded[start + i] * window[i];
    fft.realTransform(spectrum, buffer);
    for (let b = 0; b < bins; b++) {
      const re = Math.fround(spectrum[2 * b]);
      const im = Math.fround(spectrum[2 * b + 1]);
      power[b] = re * re + im * im;
    }
    acc.fill(0);
    for (let b = 0; b < bins; b++) {
      const p = power[b];
      if (p === 0) continue;
      const row = filters[b];
      for (let m = 0; m < mels; m++) acc[m] += row[m] * p;
    }
    for (let m = 0; m < mels; m++) out[f * mels + m] = 10 * Math.log10(Math.max(1e-10, acc[m]));
  }
  return out;
}

/** WAV bytes → `input_features` [1, frames, mel bins] for a CLAP model. */
export function clapFeatures(
  audio: Audio,
  cfg: ClapFeatureConfig,
): { features: Float32Array; frames: number; longer: boolean } {
  const mono = resample(audio, cfg.samplingRate);
  const { samples, longer } = fitToWindow(mono.samples, cfg);
  const features = logMelFeatures(samples, cfg);
  return { features, frames: features.length / cfg.featureSize, longer };
}

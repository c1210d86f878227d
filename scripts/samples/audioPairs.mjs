// Synthetic audio for TA2T (input clips) and T2A (response clips): espeak-ng speech, sox/ffmpeg tones and noise.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, run } from './tools.mjs';

const RATE = '16000';
// 16 kHz, mono, 16-bit for every sox output (sox -n otherwise defaults to 32-bit).
const OUT = ['-r', RATE, '-c', '1', '-b', '16'];
const NOTE = 'Synthetic: audio generated for this sample with espeak-ng / sox / ffmpeg; labels written for it.';

/** Clip recipes. Each writes one file (any extension sox or ffmpeg can encode) at 16 kHz mono. */
const speech = (text, { speed = 150, voice = 'en' } = {}) => (out, tmp) => {
  run('espeak-ng', ['-v', voice, '-s', String(speed), '-w', tmp, text]);
  run('sox', ['-R', tmp, ...OUT, out, 'norm', '-3']);
};
// sox -R: repeatable mode (fixed dither seed), so regenerating gives identical bytes.
const soxSynth = (...effects) => (out) => run('sox', ['-R', '-n', ...OUT, out, ...effects]);
const beeps = (count, freq, { on = 0.18, off = 0.17, wave = 'sine' } = {}) => (out, tmp) => {
  const parts = [];
  for (let i = 0; i < count; i++) {
    const part = `${tmp}.${i}.wav`;
    run('sox', ['-R', '-n', ...OUT, part, 'synth', String(on), wave, String(freq), 'fade', 'h', '0.02', String(on), '0.04', 'pad', '0', String(off), 'vol', '0.6']);
    parts.push(part);
  }
  run('sox', ['-R', ...parts, ...OUT, out]);
  parts.forEach((p) => rmSync(p));
};
const notes = (list, wave = 'sine') => (out, tmp) => {
  const parts = list.map(([freq, dur], i) => {
    const part = `${tmp}.${i}.wav`;
    run('sox', ['-R', '-n', ...OUT, part, 'synth', String(dur), wave, String(freq), 'fade', '0.01', String(dur), String(dur * 0.6), 'vol', '0.6']);
    return part;
  });
  run('sox', ['-R', ...parts, ...OUT, out]);
  parts.forEach((p) => rmSync(p));
};
// Frequency 900 ± 300 Hz swinging at 0.5 Hz: the phase is the integral of the frequency, so the sweep is smooth.
const siren = (seconds) => (out) =>
  ffmpeg(
    ['-f', 'lavfi', '-i', `aevalsrc=0.5*sin(2*PI*(900*t-300/(2*PI*0.5)*cos(2*PI*0.5*t))):s=${RATE}:d=${seconds}`],
    ['-ac', '1', ...(out.endsWith('.ogg') ? ['-c:a', 'libvorbis', '-q:a', '2'] : [])],
    out,
  );
const steadyTone = (seconds, freq, out) =>
  ffmpeg(['-f', 'lavfi', '-i', `sine=f=${freq}:r=${RATE}:d=${seconds}`], ['-ac', '1', '-af', 'volume=0.5', ...(out.endsWith('.ogg') ? ['-c:a', 'libvorbis', '-q:a', '2'] : [])], out);

const TA2T = [
  {
    clip: ['capital-question.wav', speech('What is the capital of France?')],
    prompt: 'Answer the question asked in the audio clip.',
    responses: ['The capital of France is Paris.', 'The capital of France is Lyon.'],
    preference: 'response1',
    criteria: 'Prefer the factually correct answer to the spoken question.',
  },
  {
    clip: ['three-beeps.wav', beeps(3, 880)],
    prompt: 'How many beeps are in this clip?',
    responses: ['Two.', 'Three short beeps.'],
    preference: 'response2',
    criteria: 'Prefer the answer that counts the sounds correctly.',
  },
  {
    clip: ['rising-sweep.wav', soxSynth('synth', '2', 'sine', '300-1200', 'fade', '0.05', '2', '0.1', 'vol', '0.6')],
    prompt: 'Does the pitch go up or down?',
    responses: ['It rises steadily from low to high.', 'It falls from high to low.'],
    preference: 'response1',
    criteria: 'Prefer the answer that describes the pitch direction correctly.',
  },
  {
    clip: ['pangram.wav', speech('The quick brown fox jumps over the lazy dog.')],
    prompt: 'Transcribe the speech exactly.',
    responses: ['The quick brown fox jumped over a lazy dog.', 'The quick brown fox jumps over the lazy dog.'],
    preference: 'response2',
    criteria: 'Prefer the word-for-word transcription; every changed word counts against a response.',
  },
  {
    clip: ['close-window.wav', speech('Please close the window, it is getting cold.', { speed: 130 })],
    prompt: 'What does the speaker ask for?',
    responses: ['They ask for the window to be closed because it is getting cold.', 'To close the window.'],
    preference: 'tie',
    criteria: 'Prefer the answer that gets the request right; length does not matter.',
  },
];

const T2A = [
  {
    prompt: 'Three short high-pitched beeps.',
    clips: [['three-beeps.wav', beeps(3, 1000)], ['one-low-tone.wav', notes([[220, 1.2]])]],
    preference: 'response1',
    criteria: 'Prefer the clip that matches the number and pitch of the sounds asked for.',
  },
  {
    prompt: 'A siren-like tone that rises and falls.',
    clips: [['siren.ogg', siren(2.5)], ['steady-tone.ogg', (out) => steadyTone(2.5, 900, out)]],
    preference: 'response1',
    criteria: 'Prefer the clip whose pitch moves up and down like a siren.',
  },
  {
    prompt: "A calm voice saying 'good morning'.",
    clips: [['good-morning.flac', speech('Good morning.', { speed: 110 })], ['good-night-fast.flac', speech('Good night!', { speed: 260 })]],
    preference: 'response1',
    criteria: 'Prefer the clip that says the requested words, calmly.',
  },
  {
    prompt: 'Soft rain-like noise.',
    clips: [
      ['pink-noise.mp3', soxSynth('synth', '2', 'pinknoise', 'lowpass', '2500', 'fade', '0.3', '2', '0.5', 'vol', '0.4')],
      ['sine-440.mp3', soxSynth('synth', '2', 'sine', '440', 'fade', '0.05', '2', '0.1', 'vol', '0.5')],
    ],
    preference: 'response1',
    criteria: 'Prefer the clip that sounds like broadband noise rather than a pure tone.',
  },
  {
    prompt: 'A doorbell: two notes, high then low.',
    clips: [['ding-dong-sine.wav', notes([[660, 0.5], [523, 0.8]])], ['ding-dong-triangle.wav', notes([[659, 0.45], [523, 0.9]], 'triangle')]],
    preference: 'tie',
    criteria: 'Prefer the clip with a high note followed by a low note; timbre does not matter.',
  },
];

export function audioPairs(outDir, tmpDir) {
  const make = (dir, [name, recipe]) => {
    const rel = `media/${dir}/${name}`;
    recipe(join(outDir, rel), join(tmpDir, `${dir}-${name}.tmp.wav`));
    return rel;
  };
  mkdirSync(join(outDir, 'media/ta2t'), { recursive: true });
  mkdirSync(join(outDir, 'media/t2a'), { recursive: true });
  const models = ['synthetic/written-answer-a', 'synthetic/written-answer-b'];

  const ta2t = TA2T.map((item, i) => ({
    task: 'TA2T',
    id: `ta2t-synthetic-${String(i + 1).padStart(2, '0')}`,
    prompt: item.prompt,
    input: make('ta2t', item.clip),
    responses: item.responses,
    models,
    preference: item.preference,
    criteria: item.criteria,
    note: NOTE,
  }));
  const t2a = T2A.map((item, i) => ({
    task: 'T2A',
    id: `t2a-synthetic-${String(i + 1).padStart(2, '0')}`,
    prompt: item.prompt,
    responses: item.clips.map((clip) => make('t2a', clip)),
    models: ['synthetic/sox-espeak-a', 'synthetic/sox-espeak-b'],
    preference: item.preference,
    criteria: item.criteria,
    note: NOTE,
  }));
  return { ta2t, t2a };
}

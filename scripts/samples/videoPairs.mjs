// Synthetic video for T2V (response clips) and TV2T (input clips): ffmpeg lavfi sources, 320x240, WebM VP9 (one MP4).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg, FONT } from './tools.mjs';

const W = 320;
const H = 240;
const FPS = 15;
const NOTE = 'Synthetic: video generated for this sample with ffmpeg lavfi sources; labels written for it.';
const VP9 = ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '42', '-deadline', 'good', '-cpu-used', '4', '-row-mt', '0', '-pix_fmt', 'yuv420p', '-an'];
// One VP8 clip too: VS Code desktop ships H.264 and VP8 decoders but not VP9 (microsoft/vscode#156558); Chromium plays all.
const VP8 = ['-c:v', 'libvpx', '-b:v', '200k', '-crf', '20', '-deadline', 'good', '-cpu-used', '4', '-pix_fmt', 'yuv420p', '-an'];
const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-an'];
// A small corner tag so a frame seen on its own still says where it came from.
const TAG = `drawtext=fontfile=${FONT}:text='synthetic sample':fontsize=11:fontcolor=white@0.7:x=6:y=h-16`;

const color = (c, d, size = `${W}x${H}`) => `color=c=${c}:s=${size}:r=${FPS}:d=${d}`;

/** Each recipe: [inputArgs, filter or null] for ffmpeg; the encoder follows from the file extension. */
const slidingSquare = (bg, fg, axis, d = 3) => [
  ['-f', 'lavfi', '-i', color(bg, d), '-f', 'lavfi', '-i', color(fg, d, '48x48')],
  `[0][1]overlay=${axis === 'x' ? `x='(W-w)*t/${d}':y='(H-h)/2'` : `x='(W-w)/2':y='(H-h)*t/${d}'`}:shortest=1,${TAG}`,
];
const staticSquare = (bg, fg, d = 3) => [
  ['-f', 'lavfi', '-i', color(bg, d), '-f', 'lavfi', '-i', color(fg, d, '48x48')],
  `[0][1]overlay=x='(W-w)/2':y='(H-h)/2':shortest=1,${TAG}`,
];
const counter = (expr, d) => [
  ['-f', 'lavfi', '-i', color('black', d)],
  `drawtext=fontfile=${FONT}:text='%{eif\\:${expr}\\:d}':fontsize=120:fontcolor=white:x=(w-tw)/2:y=(h-th)/2,${TAG}`,
];
const source = (src) => [['-f', 'lavfi', '-i', `${src}=s=${W}x${H}:r=${FPS}`], TAG]; // length comes from -t
// Life on an 80×60 board drawn with 4×4-pixel cells: readable, and small once encoded.
const LIFE = `life=s=80x60:r=${FPS}:mold=10:ratio=0.25:seed=7:life_color=#7fd0ff:death_color=#203040`;
const BIG_CELLS = `scale=${W}:${H}:flags=neighbor`;
const life = (d) => [['-f', 'lavfi', '-i', LIFE], `trim=duration=${d},${BIG_CELLS},${TAG}`];
// The first frame of the same pattern, held still: same look, but nothing evolves.
const frozenLife = (d) => [['-f', 'lavfi', '-i', LIFE], `trim=end_frame=1,loop=loop=${d * FPS - 1}:size=1:start=0,setpts=N/${FPS}/TB,${BIG_CELLS},${TAG}`];
const growingCircle = (r0, speed, d) => [
  ['-f', 'lavfi', '-i', color('black', d)],
  `format=gray,geq=lum='if(lt(hypot(X-W/2,Y-H/2),${r0}+${speed}*T),235,16)',format=yuv420p,${TAG}`,
];
const colourSequence = (colours, each) => [
  colours.flatMap((c) => ['-f', 'lavfi', '-i', color(c, each)]),
  `${colours.map((_, i) => `[${i}]`).join('')}concat=n=${colours.length}:v=1:a=0,${TAG}`,
];

const T2V = [
  {
    prompt: 'A red square sliding from left to right across a blue background.',
    clips: [['red-square-slides.webm', slidingSquare('0x1f4e9a', 'red', 'x')], ['red-square-static-green.webm', staticSquare('0x2e7d32', 'red')]],
    preference: 'response1',
    criteria: 'Prefer the clip whose motion, colours and direction match the prompt.',
  },
  {
    prompt: 'A countdown from 3 to 1, one number per second.',
    clips: [['countdown.webm', counter('3-floor(t)', 3)], ['count-up.webm', counter('1+floor(t)', 3)]],
    preference: 'response1',
    criteria: 'Prefer the clip that counts down in the right order.',
  },
  {
    prompt: 'A slow zoom into a colourful fractal.',
    clips: [['fractal-zoom.webm', source('mandelbrot')], ['test-pattern.webm', source('testsrc2')]],
    preference: 'response1',
    criteria: 'Prefer the clip that shows a fractal, zooming.',
  },
  {
    prompt: "Conway's Game of Life evolving on a grid.",
    clips: [['game-of-life.mp4', life(3)], ['game-of-life-frozen.webm', frozenLife(3)]],
    preference: 'response1',
    criteria: 'Prefer the clip in which the pattern actually evolves over time.',
  },
  {
    prompt: 'A white circle slowly growing on a black background.',
    clips: [['circle-grows-a.webm', growingCircle(30, 12, 3)], ['circle-grows-b.webm', growingCircle(24, 15, 3)]],
    preference: 'tie',
    criteria: 'Prefer the clip with a single white circle that grows; the exact size does not matter.',
  },
];

const TV2T = [
  {
    clip: ['colour-sequence.webm', colourSequence(['red', 'green', 'blue'], 1)],
    prompt: 'In what order do the background colours appear?',
    responses: ['Red, then green, then blue.', 'Blue, then green, then red.'],
    preference: 'response1',
    criteria: 'Prefer the answer that lists the colours in the order they appear.',
  },
  {
    clip: ['yellow-square-falls.webm', slidingSquare('0x303030', 'yellow', 'y')],
    prompt: 'Which way does the square move?',
    responses: ['From left to right.', 'Straight down, from the top of the frame to the bottom.'],
    preference: 'response2',
    criteria: 'Prefer the answer that gets the direction of motion right.',
  },
  {
    clip: ['count-to-four-vp8.webm', counter('1+floor(t*4/3)', 3)],
    prompt: 'What is the last number shown in the video?',
    responses: ['4', 'The last number shown is 3.'],
    preference: 'response1',
    criteria: 'Prefer the correct number; phrasing does not matter.',
  },
  {
    clip: null,
    reuse: 'media/t2v/fractal-zoom.webm',
    prompt: 'Describe this video in one sentence.',
    responses: ['A camera zooms into a colourful Mandelbrot fractal.', 'An animated zoom into a brightly coloured fractal pattern.'],
    preference: 'tie',
    criteria: 'Prefer the accurate description; either wording is fine.',
  },
];

export function videoPairs(outDir) {
  mkdirSync(join(outDir, 'media/t2v'), { recursive: true });
  mkdirSync(join(outDir, 'media/tv2t'), { recursive: true });
  const make = (dir, [name, [inputs, filter]]) => {
    const rel = `media/${dir}/${name}`;
    const encoder = name.endsWith('.mp4') ? H264 : name.endsWith('-vp8.webm') ? VP8 : VP9;
    const filterArgs = filter ? [inputs.filter((a) => a === '-i').length > 1 ? '-filter_complex' : '-vf', filter] : [];
    ffmpeg(inputs, [...filterArgs, '-t', '3', ...encoder], join(outDir, rel));
    return rel;
  };
  const t2v = T2V.map((item, i) => ({
    task: 'T2V',
    id: `t2v-synthetic-${String(i + 1).padStart(2, '0')}`,
    prompt: item.prompt,
    responses: item.clips.map((clip) => make('t2v', clip)),
    models: ['synthetic/ffmpeg-lavfi-a', 'synthetic/ffmpeg-lavfi-b'],
    preference: item.preference,
    criteria: item.criteria,
    note: NOTE,
  }));
  const tv2t = TV2T.map((item, i) => ({
    task: 'TV2T',
    id: `tv2t-synthetic-${String(i + 1).padStart(2, '0')}`,
    prompt: item.prompt,
    input: item.clip ? make('tv2t', item.clip) : item.reuse,
    responses: item.responses,
    models: ['synthetic/written-answer-a', 'synthetic/written-answer-b'],
    preference: item.preference,
    criteria: item.criteria,
    note: NOTE,
  }));
  return { t2v, tv2t };
}

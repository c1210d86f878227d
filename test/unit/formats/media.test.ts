import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modalityFromPath, parseMediaValue, resolveMediaPath, sniffMime } from '../../../src/core/dataset/media';
import { PNG_1PX } from './helpers';
import { tempDir } from '../tempDir';

test('reads the modality of a path from its extension', () => {
  const cases: [string, string | undefined][] = [
    ['a/b.png', 'image'],
    ['x.JPG', 'image'],
    ['x.jpeg', 'image'],
    ['x.webp', 'image'],
    ['x.gif', 'image'],
    ['x.bmp', 'image'],
    ['v.mp4', 'video'],
    ['v.webm', 'video'],
    ['v.mov', 'video'],
    ['v.mkv', 'video'],
    ['s.wav', 'audio'],
    ['s.mp3', 'audio'],
    ['s.flac', 'audio'],
    ['s.ogg', 'audio'],
    ['s.m4a', 'audio'],
    ['m.glb', '3d'],
    ['m.gltf', '3d'],
    ['m.obj', '3d'],
    ['m.ply', '3d'],
    ['notes.txt', undefined],
    ['dir.png/file', undefined],
    ['https://x.org/a.webm?sig=1', 'video'],
  ];
  for (const [p, m] of cases) assert.equal(modalityFromPath(p), m, p);
});

test('turns path strings and URLs into references with a guessed mime', () => {
  assert.deepEqual(parseMediaValue('t2i/img_0.png'), {
    modality: 'image',
    source: { kind: 'path', path: 't2i/img_0.png' },
    mime: 'image/png',
  });
  assert.deepEqual(parseMediaValue('https://example.org/clip.webm'), {
    modality: 'video',
    source: { kind: 'url', url: 'https://example.org/clip.webm' },
    mime: 'video/webm',
  });
  // A field known to hold video: a path without an extension still counts.
  assert.deepEqual(parseMediaValue('videos/0042', 'video'), {
    modality: 'video',
    source: { kind: 'path', path: 'videos/0042' },
  });
  assert.equal(parseMediaValue('just some text'), undefined);
  assert.equal(parseMediaValue(''), undefined);
});

test('keeps data URIs and reads their modality from the mime', () => {
  const uri = `data:image/png;base64,${PNG_1PX.toString('base64')}`;
  const ref = parseMediaValue(uri);
  assert.equal(ref?.modality, 'image');
  assert.equal(ref?.mime, 'image/png');
  assert.deepEqual(ref?.source, { kind: 'data', uri, bytes: Math.floor((PNG_1PX.toString('base64').length * 3) / 4) });
  assert.equal(parseMediaValue('data:audio/wav;base64,UklGRg==')?.modality, 'audio');
});

test('turns HF bytes objects into data URIs with the sniffed mime, whatever the bytes spelling', () => {
  const b64 = PNG_1PX.toString('base64');
  const expected = {
    modality: 'image',
    source: { kind: 'data', uri: `data:image/png;base64,${b64}`, bytes: PNG_1PX.length },
    mime: 'image/png',
  };
  assert.deepEqual(parseMediaValue({ bytes: b64, path: 'x.jpg' }), expected, 'base64 string');
  assert.deepEqual(parseMediaValue({ bytes: [...PNG_1PX], path: null }), expected, 'number array');
  assert.deepEqual(parseMediaValue({ bytes: { type: 'Buffer', data: [...PNG_1PX] } }), expected, 'Buffer JSON');
  assert.deepEqual(parseMediaValue(b64), expected, 'bare base64 string');
  // No bytes: the object's path is the reference.
  assert.deepEqual(parseMediaValue({ bytes: null, path: 'img/1.png' }), {
    modality: 'image',
    source: { kind: 'path', path: 'img/1.png' },
    mime: 'image/png',
  });
});

test('sniffs media types from magic bytes', () => {
  const at = (s: string, pad = 0) => new Uint8Array([...Buffer.alloc(pad), ...Buffer.from(s, 'latin1')]);
  assert.equal(sniffMime(PNG_1PX), 'image/png');
  assert.equal(sniffMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(sniffMime(at('GIF89a')), 'image/gif');
  assert.equal(sniffMime(at('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffMime(at('RIFF\0\0\0\0WAVEfmt ')), 'audio/wav');
  assert.equal(sniffMime(at('fLaC')), 'audio/flac');
  assert.equal(sniffMime(at('OggS')), 'audio/ogg');
  assert.equal(sniffMime(at('ID3\x04')), 'audio/mpeg');
  assert.equal(sniffMime(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])), 'video/webm');
  assert.equal(sniffMime(at('\0\0\0\x18ftypisom')), 'video/mp4');
  assert.equal(sniffMime(at('\0\0\0\x18ftypM4A ')), 'audio/mp4');
  assert.equal(sniffMime(at('glTF')), 'model/gltf-binary');
  assert.equal(sniffMime(at('hello')), undefined);
});

function tree() {
  const base = tempDir('rl-media-');
  const data = path.join(base, 'data');
  const root = path.join(base, 'unpacked');
  const outside = path.join(base, 'secret');
  for (const d of [path.join(data, 'img'), path.join(root, 'media_data', 't2v'), path.join(root, 'extra'), outside])
    fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(data, 'img', 'a.png'), PNG_1PX);
  fs.writeFileSync(path.join(root, 'media_data', 't2v', 'clip.webm'), 'x');
  fs.writeFileSync(path.join(root, 'extra', 'b.png'), PNG_1PX);
  fs.writeFileSync(path.join(outside, 'key.png'), 'secret');
  fs.symlinkSync(path.join(outside, 'key.png'), path.join(data, 'img', 'link.png'));
  fs.symlinkSync(path.join(root, 'extra', 'b.png'), path.join(data, 'img', 'inside-link.png'));
  return { base, data, root, outside, real: (p: string) => fs.realpathSync(p) };
}

test('resolves a path relative to the dataset file first', async () => {
  const t = tree();
  const r = await resolveMediaPath('img/a.png', { fileDir: t.data, mediaRoots: [t.root] });
  assert.deepEqual(r, { ok: true, path: t.real(path.join(t.data, 'img', 'a.png')) });
});

test('resolves against a media root, and inside its media_data folder as the Omni-RewardBench zip unpacks', async () => {
  const t = tree();
  assert.deepEqual(await resolveMediaPath('extra/b.png', { fileDir: t.data, mediaRoots: [t.root] }), {
    ok: true,
    path: t.real(path.join(t.root, 'extra', 'b.png')),
  });
  const ref = parseMediaValue('t2v/clip.webm')!;
  assert.deepEqual(await resolveMediaPath(ref, { fileDir: t.data, mediaRoots: [t.root] }), {
    ok: true,
    path: t.real(path.join(t.root, 'media_data', 't2v', 'clip.webm')),
  });
});

test('says where it looked when a file is missing', async () => {
  const t = tree();
  const r = await resolveMediaPath('t2i/none.png', { fileDir: t.data, mediaRoots: [t.root] });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.tried, [
    path.join(t.data, 't2i/none.png'),
    path.join(t.root, 't2i/none.png'),
    path.join(t.root, 'media_data', 't2i/none.png'),
  ]);
  assert.equal(
    r.reason,
    "`t2i/none.png` was not found in the dataset's folder or any media root; add the folder that holds it (for Omni-RewardBench, where media_data.zip was unpacked) as a media root",
  );
});

test('refuses `..` paths that leave the allowed folders', async () => {
  const t = tree();
  const r = await resolveMediaPath('../secret/key.png', { fileDir: t.data, mediaRoots: [t.root] });
  assert.deepEqual(r, {
    ok: false,
    tried: [],
    reason: `\`../secret/key.png\` points outside the dataset's folder and the media roots (${t.data}, ${t.root}); Reward Lens only reads media inside them`,
  });
  assert.equal((await resolveMediaPath('img/../../secret/key.png', { fileDir: t.data })).ok, false);
  // `..` that stays inside is fine.
  assert.equal((await resolveMediaPath('img/../img/a.png', { fileDir: t.data })).ok, true);
});

test('allows absolute paths only inside an allowed folder', async () => {
  const t = tree();
  assert.equal(
    (await resolveMediaPath(path.join(t.root, 'extra', 'b.png'), { fileDir: t.data, mediaRoots: [t.root] })).ok,
    true,
  );
  const r = await resolveMediaPath(path.join(t.outside, 'key.png'), { fileDir: t.data, mediaRoots: [t.root] });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /points outside the dataset's folder and the media roots/);
});

test('refuses a symlink that points outside the allowed folders, follows one that stays inside', async () => {
  const t = tree();
  const r = await resolveMediaPath('img/link.png', { fileDir: t.data, mediaRoots: [t.root] });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(
    r.reason,
    `\`img/link.png\` is a symlink to ${t.real(path.join(t.outside, 'key.png'))}, outside the allowed folders (${t.data}, ${t.root}); Reward Lens only reads media inside them`,
  );
  assert.deepEqual(await resolveMediaPath('img/inside-link.png', { fileDir: t.data, mediaRoots: [t.root] }), {
    ok: true,
    path: t.real(path.join(t.root, 'extra', 'b.png')),
  });
});

test('does not resolve embedded media as a file', async () => {
  const ref = parseMediaValue({ bytes: [...PNG_1PX] })!;
  const r = await resolveMediaPath(ref, { fileDir: os.tmpdir() });
  assert.deepEqual(r, { ok: false, tried: [], reason: 'this media is embedded or remote, not a file path' });
});

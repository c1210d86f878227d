import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferTask, taskFromFileName, taskFromModalities, taskFromName } from '../../../src/core/dataset/task';
import type { Part } from '../../../src/core/dataset/types';

const T: Part = { type: 'text', text: 'x' };
const m = (modality: 'image' | 'video' | 'audio' | '3d'): Part => ({
  type: 'media',
  media: { modality, source: { kind: 'path', path: 'f' } },
});

test('reads the nine Omni-RewardBench file names as their tasks', () => {
  const names: [string, string][] = [
    ['text_to_text_preferences.json', 'T2T'],
    ['text_image_to_text_preferences.json', 'TI2T'],
    ['text_video_to_text_preferences.json', 'TV2T'],
    ['text_audio_to_text_preferences.json', 'TA2T'],
    ['text_to_image_preferences.json', 'T2I'],
    ['text_to_video_preferences.json', 'T2V'],
    ['text_to_audio_preferences.json', 'T2A'],
    ['text_to_3D_preferences.json', 'T23D'],
    ['text_image_to_image_preferences.json', 'TI2I'],
  ];
  for (const [file, task] of names) assert.equal(taskFromFileName(file), task, file);
  assert.equal(taskFromFileName('/data/omni/text_to_image_preferences.json'), 'T2I');
});

test('reads short task names in file names as whole words only', () => {
  assert.equal(taskFromFileName('t2i.jsonl'), 'T2I');
  assert.equal(taskFromFileName('omni_ti2t_train.json'), 'TI2T');
  assert.equal(taskFromFileName('T23D-pairs.json'), 'T23D');
  assert.equal(taskFromFileName('at2iq.json'), undefined);
  assert.equal(taskFromFileName('chat_filtered.json'), undefined);
});

test('reads task names as people write them', () => {
  assert.equal(taskFromName('t2v'), 'T2V');
  assert.equal(taskFromName('text_to_video'), 'T2V');
  assert.equal(taskFromName('Text to 3D'), 'T23D');
  assert.equal(taskFromName('alpacaeval'), undefined);
});

test('infers the task from the modalities in and out', () => {
  assert.equal(taskFromModalities([T], [T, T]), 'T2T');
  assert.equal(taskFromModalities([T, m('image')], [T]), 'TI2T');
  assert.equal(taskFromModalities([T, m('video')], [T]), 'TV2T');
  assert.equal(taskFromModalities([T, m('audio')], [T]), 'TA2T');
  assert.equal(taskFromModalities([T], [m('image'), m('image')]), 'T2I');
  assert.equal(taskFromModalities([T, m('image')], [m('image')]), 'TI2I');
  assert.equal(taskFromModalities([T], [m('video')]), 'T2V');
  assert.equal(taskFromModalities([T], [m('audio')]), 'T2A');
  assert.equal(taskFromModalities([T], [m('3d')]), 'T23D');
  assert.equal(taskFromModalities([T], []), undefined);
});

test('prefers a task field, then the file name, then the modalities', () => {
  const prompt = [T];
  const responses = [m('image')];
  assert.equal(inferTask({ field: 't23d', fileName: 'text_to_image_preferences.json', prompt, responses }), 'T23D');
  assert.equal(inferTask({ field: 'my-own-task', prompt, responses }), 'my-own-task');
  assert.equal(inferTask({ fileName: 'text_to_3D_preferences.json', prompt, responses }), 'T23D');
  assert.equal(inferTask({ fileName: 'pairs.jsonl', prompt, responses }), 'T2I');
});

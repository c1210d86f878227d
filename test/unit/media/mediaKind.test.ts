import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayName, mediaType, meshFormat, rendererFor } from '../../../webview/media/mediaKind';

test('mediaType prefers the mime, then the path extension, then a data URI type', () => {
  assert.equal(mediaType({ modality: '3d', mime: '.GLB', src: 'x.obj' }), 'glb');
  assert.equal(
    mediaType({ modality: 'image', src: 'https://file%2B.vscode-resource.vscode-cdn.net/a/b.PNG?v=1' }),
    'png',
  );
  assert.equal(mediaType({ modality: 'image', src: 'data:image/webp;base64,AAAA' }), 'image/webp');
  assert.equal(mediaType({ modality: 'image', src: 'dir.v2/file' }), '');
});

test('meshFormat maps extensions and mimes to the three.js loader', () => {
  assert.equal(meshFormat({ modality: '3d', src: 'm.glb' }), 'gltf');
  assert.equal(meshFormat({ modality: '3d', src: 'm.gltf' }), 'gltf');
  assert.equal(meshFormat({ modality: '3d', mime: 'model/obj' }), 'obj');
  assert.equal(meshFormat({ modality: '3d', src: 'm.ply' }), 'ply');
  assert.equal(meshFormat({ modality: '3d', src: 'm.png' }), undefined);
});

test('rendererFor sends multi-view 3D renders to the image renderer and errors to the placeholder', () => {
  assert.equal(rendererFor({ modality: '3d', src: 'views/front.png' }), 'image');
  assert.equal(rendererFor({ modality: '3d', src: 'mesh.glb' }), 'mesh');
  assert.equal(rendererFor({ modality: 'audio', src: 'a.wav' }), 'audio');
  assert.equal(rendererFor({ modality: 'video' }), 'missing');
  assert.equal(rendererFor({ modality: 'image', src: 'a.png', error: 'not found' }), 'missing');
});

test('displayName uses the label, else the file name, never a whole data URI', () => {
  assert.equal(displayName({ modality: 'image', src: 'x.png', label: 'imgs/x.png' }), 'imgs/x.png');
  assert.equal(displayName({ modality: 'image', src: 'https://h/a/my%20pic.jpg?x' }), 'my pic.jpg');
  assert.equal(displayName({ modality: 'image', src: 'data:image/png;base64,AAAA' }), 'inline image/png');
  assert.equal(displayName({ modality: 'video', tried: ['/data/v.mp4'] }), 'v.mp4');
});

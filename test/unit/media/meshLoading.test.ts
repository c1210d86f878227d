import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoxGeometry, BufferGeometry, Float32BufferAttribute, Group, Mesh, Points } from 'three';
import { describeLoadError, meshStats } from '../../../webview/media/meshLoading';

test('meshStats counts triangles and vertices across every mesh of a model', () => {
  const group = new Group();
  group.add(new Mesh(new BoxGeometry()), new Mesh(new BoxGeometry()));
  assert.equal(meshStats(group), '24 triangles · 48 vertices');
});

test('meshStats counts non-indexed triangles and reports point clouds as points', () => {
  const soup = new BufferGeometry();
  soup.setAttribute('position', new Float32BufferAttribute(new Float32Array(9 * 3), 3));
  assert.equal(meshStats(new Mesh(soup)), '3 triangles · 9 vertices');
  const cloud = new BufferGeometry();
  cloud.setAttribute('position', new Float32BufferAttribute(new Float32Array(1500 * 3), 3));
  assert.equal(meshStats(new Points(cloud)), '1,500 points');
});

test('describeLoadError speaks of the file, not of the parser or the webview URL', () => {
  assert.equal(
    describeLoadError(new RangeError('Invalid DataView length 12'), 'gltf'),
    'the file is damaged or not a valid glTF/GLB file',
  );
  assert.equal(
    describeLoadError(new SyntaxError('Unexpected token'), 'ply'),
    'the file is damaged or not a valid PLY file',
  );
  assert.equal(
    describeLoadError(
      new Error('fetch for "https://file+.vscode-resource.vscode-cdn.net/x.glb" responded with 404: Not Found'),
      'gltf',
    ),
    'the file could not be read (HTTP 404)',
  );
  assert.match(
    describeLoadError(new Error('THREE.GLTFLoader: No DRACOLoader instance provided.'), 'gltf'),
    /compression extension \(Draco/,
  );
  assert.equal(
    describeLoadError(new Error('THREE.GLTFLoader: Unsupported asset. glTF versions >=2.0 are supported.'), 'gltf'),
    'Unsupported asset. glTF versions >=2.0 are supported.',
  );
});

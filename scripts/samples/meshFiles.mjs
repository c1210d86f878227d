// Writes a mesh as Wavefront OBJ or binary glTF 2.0 (GLB) — small enough to do by hand, per the glTF 2.0 spec.

/** One vertex per triangle corner, so averaged normals become face normals (sharp edges on boxes). */
function unweld({ positions, indices }) {
  const out = [];
  for (const i of indices) out.push(positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]);
  return { positions: out, indices: indices.map((_, k) => k) };
}

/** Meshes marked `flat` (box, pyramid) are written with hard edges; the rest with smooth normals. */
const forExport = (mesh) => (mesh.flat ? unweld(mesh) : mesh);

export function vertexNormals({ positions, indices }) {
  const normals = new Float32Array(positions.length);
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t] * 3, indices[t + 1] * 3, indices[t + 2] * 3];
    const e1 = [positions[b] - positions[a], positions[b + 1] - positions[a + 1], positions[b + 2] - positions[a + 2]];
    const e2 = [positions[c] - positions[a], positions[c + 1] - positions[a + 1], positions[c + 2] - positions[a + 2]];
    const n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
    for (const v of [a, b, c]) for (let k = 0; k < 3; k++) normals[v + k] += n[k];
  }
  for (let v = 0; v < normals.length; v += 3) {
    const len = Math.hypot(normals[v], normals[v + 1], normals[v + 2]) || 1;
    for (let k = 0; k < 3; k++) normals[v + k] /= len;
  }
  return normals;
}

const fmt = (x) => (Math.abs(x) < 5e-5 ? '0' : x.toFixed(4).replace(/\.?0+$/, ''));

export function toObj(input, comment) {
  const mesh = forExport(input);
  const normals = vertexNormals(mesh);
  const lines = [`# ${comment}`, `# ${mesh.positions.length / 3} vertices, ${mesh.indices.length / 3} triangles`, 'o shape'];
  for (let i = 0; i < mesh.positions.length; i += 3) lines.push(`v ${fmt(mesh.positions[i])} ${fmt(mesh.positions[i + 1])} ${fmt(mesh.positions[i + 2])}`);
  for (let i = 0; i < normals.length; i += 3) lines.push(`vn ${fmt(normals[i])} ${fmt(normals[i + 1])} ${fmt(normals[i + 2])}`);
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = [mesh.indices[t] + 1, mesh.indices[t + 1] + 1, mesh.indices[t + 2] + 1];
    lines.push(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
  }
  return lines.join('\n') + '\n';
}

const pad4 = (n) => (4 - (n % 4)) % 4;

/** GLB: 12-byte header, a JSON chunk (space-padded) and a BIN chunk (zero-padded), all 4-byte aligned. */
export function toGlb(input, { name, color, generator }) {
  const mesh = forExport(input);
  const positions = Float32Array.from(mesh.positions);
  const normals = vertexNormals(mesh);
  const vertexCount = positions.length / 3;
  if (vertexCount > 65535) throw new Error(`${name}: too many vertices for 16-bit indices`);
  const indices = Uint16Array.from(mesh.indices);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    min[i % 3] = Math.min(min[i % 3], positions[i]);
    max[i % 3] = Math.max(max[i % 3], positions[i]);
  }
  const parts = [Buffer.from(positions.buffer), Buffer.from(normals.buffer), Buffer.from(indices.buffer)];
  const views = [];
  let offset = 0;
  const chunks = [];
  parts.forEach((part, i) => {
    views.push({ buffer: 0, byteOffset: offset, byteLength: part.length, target: i < 2 ? 34962 : 34963 });
    chunks.push(part, Buffer.alloc(pad4(part.length)));
    offset += part.length + pad4(part.length);
  });
  const bin = Buffer.concat(chunks);
  const gltf = {
    asset: { version: '2.0', generator },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name }],
    meshes: [{ name, primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2, material: 0, mode: 4 }] }],
    materials: [{ name: `${name}-material`, pbrMetallicRoughness: { baseColorFactor: [...color.map((c) => c / 255), 1], metallicFactor: 0, roughnessFactor: 0.8 } }],
    accessors: [
      { bufferView: 0, componentType: 5126, count: vertexCount, type: 'VEC3', min, max },
      { bufferView: 1, componentType: 5126, count: vertexCount, type: 'VEC3' },
      { bufferView: 2, componentType: 5123, count: indices.length, type: 'SCALAR' },
    ],
    bufferViews: views,
    buffers: [{ byteLength: bin.length }],
  };
  const jsonText = Buffer.from(JSON.stringify(gltf), 'utf8');
  const json = Buffer.concat([jsonText, Buffer.alloc(pad4(jsonText.length), 0x20)]);
  const header = Buffer.alloc(12);
  header.writeUInt32LE(0x46546c67, 0); // "glTF"
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + json.length + 8 + bin.length, 8);
  const chunkHeader = (length, type) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(length, 0);
    h.writeUInt32LE(type, 4);
    return h;
  };
  return Buffer.concat([header, chunkHeader(json.length, 0x4e4f534a), json, chunkHeader(bin.length, 0x004e4942), bin]);
}

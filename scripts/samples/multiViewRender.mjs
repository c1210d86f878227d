// A tiny z-buffered software rasteriser: four orthographic views of a mesh tiled 2×2 into one RGB image,
// standing in for the MVDream-style multi-view renders that Omni-RewardBench uses as T23D responses.

const VIEW = 256; // pixels per view in the output
const SS = 2; // supersampling factor per axis, for smooth edges
const AZIMUTHS = [30, 120, 210, 300];
const ELEVATION = 22;
const BACKGROUND = [236, 238, 242];
const LIGHT = normalise([-0.4, 0.7, 0.6]); // in camera space, so every view is lit from the upper left

function normalise(v) {
  const len = Math.hypot(...v) || 1;
  return v.map((x) => x / len);
}

function viewTransform(positions, azimuthDeg, elevationDeg) {
  const a = (azimuthDeg * Math.PI) / 180;
  const e = (elevationDeg * Math.PI) / 180;
  const out = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    const [x, y, z] = [positions[i], positions[i + 1], positions[i + 2]];
    const x1 = x * Math.cos(a) - z * Math.sin(a);
    const z1 = x * Math.sin(a) + z * Math.cos(a);
    out[i] = x1;
    out[i + 1] = y * Math.cos(e) - z1 * Math.sin(e);
    out[i + 2] = y * Math.sin(e) + z1 * Math.cos(e); // larger z = closer to the camera
  }
  return out;
}

function renderView(mesh, azimuth, color, radius) {
  const size = VIEW * SS;
  const rgb = new Float64Array(size * size * 3);
  for (let p = 0; p < size * size; p++) rgb.set(BACKGROUND, p * 3);
  const depth = new Float64Array(size * size).fill(-Infinity);
  const v = viewTransform(mesh.positions, azimuth, ELEVATION);
  const scale = (size * 0.45) / radius;
  const sx = (i) => size / 2 + v[i] * scale;
  const sy = (i) => size / 2 - v[i + 1] * scale;
  const { indices } = mesh;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t] * 3, indices[t + 1] * 3, indices[t + 2] * 3];
    const e1 = [v[b] - v[a], v[b + 1] - v[a + 1], v[b + 2] - v[a + 2]];
    const e2 = [v[c] - v[a], v[c + 1] - v[a + 1], v[c + 2] - v[a + 2]];
    const n = normalise([e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]]);
    if (n[2] <= 0) continue; // back face (counter-clockwise = front, as in glTF): a wrong winding shows as a hole
    const lambert = Math.max(0, n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
    const shade = 0.28 + 0.72 * lambert;
    const [x0, y0, x1, y1, x2, y2] = [sx(a), sy(a), sx(b), sy(b), sx(c), sy(c)];
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (Math.abs(area) < 1e-9) continue;
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
    const maxX = Math.min(size - 1, Math.ceil(Math.max(x0, x1, x2)));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
    const maxY = Math.min(size - 1, Math.ceil(Math.max(y0, y1, y2)));
    for (let py = minY; py <= maxY; py++) {
      for (let px = minX; px <= maxX; px++) {
        const cx = px + 0.5;
        const cy = py + 0.5;
        const w0 = ((x1 - cx) * (y2 - cy) - (x2 - cx) * (y1 - cy)) / area;
        const w1 = ((x2 - cx) * (y0 - cy) - (x0 - cx) * (y2 - cy)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * v[a + 2] + w1 * v[b + 2] + w2 * v[c + 2];
        const p = py * size + px;
        if (z <= depth[p]) continue;
        depth[p] = z;
        for (let k = 0; k < 3; k++) rgb[p * 3 + k] = color[k] * shade;
      }
    }
  }
  return rgb;
}

/** Returns { width, height, rgb: Buffer } with the four views tiled 2×2 and a 2 px gutter between them. */
export function renderMultiView(mesh, color) {
  let radius = 0;
  for (let i = 0; i < mesh.positions.length; i += 3) {
    radius = Math.max(radius, Math.hypot(mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]));
  }
  const width = VIEW * 2;
  const out = Buffer.alloc(width * width * 3, 200);
  AZIMUTHS.forEach((azimuth, viewIndex) => {
    const rgb = renderView(mesh, azimuth, color, radius);
    const ox = (viewIndex % 2) * VIEW;
    const oy = Math.floor(viewIndex / 2) * VIEW;
    const size = VIEW * SS;
    for (let y = 1; y < VIEW - 1; y++) {
      for (let x = 1; x < VIEW - 1; x++) {
        for (let k = 0; k < 3; k++) {
          let sum = 0;
          for (let dy = 0; dy < SS; dy++) for (let dx = 0; dx < SS; dx++) sum += rgb[((y * SS + dy) * size + x * SS + dx) * 3 + k];
          out[((oy + y) * width + ox + x) * 3 + k] = Math.round(sum / (SS * SS));
        }
      }
    }
  });
  return { width, height: width, rgb: out };
}

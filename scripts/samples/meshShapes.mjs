// Small parametric meshes (a few hundred triangles) for the T23D sample: { positions: number[], indices: number[] }.

/**
 * A (segU+1)×(segV+1) vertex grid over f(u, v) with u, v in [0, 1], two triangles per cell.
 * `flip` reverses the winding so front faces (counter-clockwise, as glTF and three.js expect) face outwards.
 */
function grid(segU, segV, f, flip = false) {
  const positions = [];
  const indices = [];
  for (let j = 0; j <= segV; j++) {
    for (let i = 0; i <= segU; i++) positions.push(...f(i / segU, j / segV));
  }
  const row = segU + 1;
  for (let j = 0; j < segV; j++) {
    for (let i = 0; i < segU; i++) {
      const a = j * row + i;
      if (flip) indices.push(a, a + row, a + 1, a + 1, a + row, a + row + 1);
      else indices.push(a, a + 1, a + row, a + 1, a + row + 1, a + row);
    }
  }
  return { positions, indices };
}

export function merge(...meshes) {
  const positions = [];
  const indices = [];
  for (const mesh of meshes) {
    const base = positions.length / 3;
    positions.push(...mesh.positions);
    indices.push(...mesh.indices.map((i) => i + base));
  }
  return { positions, indices };
}

const TAU = Math.PI * 2;

export const torus = (R = 1, r = 0.38, segU = 28, segV = 12) =>
  grid(segU, segV, (u, v) => {
    const a = u * TAU;
    const b = v * TAU;
    return [(R + r * Math.cos(b)) * Math.cos(a), r * Math.sin(b), (R + r * Math.cos(b)) * Math.sin(a)];
  }, true);

export const sphere = (r = 1, segU = 24, segV = 14) =>
  grid(segU, segV, (u, v) => {
    const a = u * TAU;
    const b = v * Math.PI;
    return [r * Math.sin(b) * Math.cos(a), r * Math.cos(b), r * Math.sin(b) * Math.sin(a)];
  });

/**
 * Surface of revolution around the y axis; profile(t) → [radius, y] for t in [0, 1]. Faces point away from the
 * axis while y rises along the profile, towards it while y falls, and down (up) while the radius grows (shrinks).
 */
export const lathe = (profile, segU = 28, segV = 12) =>
  grid(
    segU,
    segV,
    (u, v) => {
      const [radius, y] = profile(v);
      return [radius * Math.cos(u * TAU), y, radius * Math.sin(u * TAU)];
    },
    true,
  );

/** A flat disc at height y facing up or down (a cap for lathed shapes). */
const disc = (radius, y, facing, seg = 28) => lathe((t) => [radius * (facing === 'up' ? 1 - t : t), y], seg, 1);

export const cylinder = (r = 0.7, h = 1.6) =>
  merge(lathe((t) => [r, -h / 2 + h * t], 28, 4), disc(r, -h / 2, 'down'), disc(r, h / 2, 'up'));

/** Open-topped cup with a half-torus handle on its side. */
export function mug() {
  const body = merge(
    lathe((t) => [0.7, -0.8 + 1.6 * t], 28, 4), // outer wall
    disc(0.7, -0.8, 'down'),
    lathe((t) => [0.7 - 0.08 * t, 0.8], 28, 1), // rim
    lathe((t) => [0.62, 0.8 - 1.5 * t], 28, 2), // inner wall, facing the axis
    disc(0.62, -0.7, 'up'), // inside floor
  );
  const handle = grid(12, 8, (u, v) => {
    const a = -Math.PI / 2 + u * Math.PI;
    const b = v * TAU;
    const R = 0.42;
    const r = 0.09;
    return [0.7 + (R + r * Math.cos(b)) * Math.cos(a) * 0.9, (R + r * Math.cos(b)) * Math.sin(a), r * Math.sin(b)];
  }, true);
  return merge(body, handle);
}

export function box(s = 1.2) {
  const h = s / 2;
  const positions = [-h, -h, -h, h, -h, -h, h, h, -h, -h, h, -h, -h, -h, h, h, -h, h, h, h, h, -h, h, h];
  const quads = [[0, 1, 2, 3], [5, 4, 7, 6], [4, 0, 3, 7], [1, 5, 6, 2], [3, 2, 6, 7], [4, 5, 1, 0]];
  // Corners listed clockwise seen from outside, so each quad's triangles are wound the other way round.
  return { positions, indices: quads.flatMap(([a, b, c, d]) => [a, c, b, a, d, c]), flat: true };
}

export function pyramid(s = 1.6, h = 1.4) {
  const b = s / 2;
  const positions = [-b, -h / 2, -b, b, -h / 2, -b, b, -h / 2, b, -b, -h / 2, b, 0, h / 2, 0];
  return { positions, indices: [0, 4, 1, 1, 4, 2, 2, 4, 3, 3, 4, 0, 0, 1, 2, 0, 2, 3], flat: true };
}

/** A tube swept along a helix: the coiled spring. */
export const spring = (turns = 4, R = 0.6, r = 0.12, height = 1.8) =>
  grid(turns * 16, 6, (u, v) => {
    const a = u * turns * TAU;
    const b = v * TAU;
    const y = -height / 2 + height * u;
    return [(R + r * Math.cos(b)) * Math.cos(a), y + r * Math.sin(b), (R + r * Math.cos(b)) * Math.sin(a)];
  }, true);

/** A vase: wide belly, narrow neck, flared lip; `belly` shifts the widest point. */
export const vase = (belly = 0.35) =>
  merge(
    lathe((t) => {
      const y = -1 + 2 * t;
      const radius = 0.22 + 0.5 * Math.exp(-((t - belly) ** 2) / 0.06) + 0.12 * Math.max(0, t - 0.85) / 0.15;
      return [radius, y];
    }, 28, 16),
    disc(0.22 + 0.5 * Math.exp(-(belly ** 2) / 0.06), -1, 'down'),
  );

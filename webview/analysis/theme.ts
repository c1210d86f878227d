// Chart colours from the --vscode-* variables, read at render time and again whenever VS Code switches theme
// (it swaps the vscode-light / vscode-dark / vscode-high-contrast classes on <body> and rewrites the variables).

export interface Palette {
  kind: 'light' | 'dark' | 'hc' | 'hc-light';
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  border: string;
  focus: string;
  blue: string;
  orange: string;
  green: string;
  red: string;
  purple: string;
  yellow: string;
  fontFamily: string;
  fontSize: number;
}

function themeKind(): Palette['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readPalette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const kind = themeKind();
  const light = kind === 'light' || kind === 'hc-light';
  const hc = kind === 'hc' || kind === 'hc-light';
  const foreground = v('foreground', light ? '#3b3b3b' : '#cccccc');
  const border =
    v('contrastBorder', '') || v('editorWidget-border', '') || v('panel-border', light ? '#e5e5e5' : '#454545');
  return {
    kind,
    foreground,
    muted: v('descriptionForeground', light ? '#717171' : '#9d9d9d'),
    background: v('editor-background', light ? '#ffffff' : '#1f1f1f'),
    // Grid lines stay faint except in high contrast, where every line must be visible.
    grid: hc ? withAlpha(border, 0.6) : withAlpha(foreground, light ? 0.12 : 0.14),
    border,
    focus: v('focusBorder', '#0078d4'),
    blue: v('charts-blue', '#3794ff'),
    orange: v('charts-orange', '#d18616'),
    green: v('charts-green', '#89d185'),
    red: v('charts-red', '#f14c4c'),
    purple: v('charts-purple', '#b180d7'),
    yellow: v('charts-yellow', '#cca700'),
    fontFamily: v('font-family', 'system-ui, sans-serif'),
    fontSize: Math.max(11, Math.min(14, parseFloat(v('font-size', '13')) - 1 || 12)),
  };
}

/** A CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb()) at the given opacity, for fills under outlines and faint grids. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let r: number, g: number, b: number;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((x) => x + x).join('');
    [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
    if (!rgb) return c;
    [r, g, b] = [rgb[1], rgb[2], rgb[3]].map(Number);
  }
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Calls back with a fresh palette after each theme change; returns the function that stops watching. */
export function watchTheme(onChange: (p: Palette) => void): () => void {
  let last = JSON.stringify(readPalette());
  let frame = 0;
  const check = () => {
    frame = 0;
    const p = readPalette();
    const key = JSON.stringify(p);
    if (key !== last) {
      last = key;
      onChange(p);
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(check);
  };
  // VS Code changes the body class and the <html> style attribute (the variables) on a theme switch.
  const mo = new MutationObserver(schedule);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => {
    mo.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}

/** A diagonal hatch in the given colour, for the "wrong" series, so it differs from "right" by more than colour. */
export function hatch(color: string): CanvasPattern | string {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d');
  if (!g) return color;
  g.fillStyle = withAlpha(color, 0.35);
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = color;
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(-2, 2);
  g.lineTo(2, -2);
  g.moveTo(0, 8);
  g.lineTo(8, 0);
  g.moveTo(6, 10);
  g.lineTo(10, 6);
  g.stroke();
  return g.createPattern(c, 'repeat') ?? color;
}

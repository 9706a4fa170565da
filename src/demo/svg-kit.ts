// Drawing primitives for the generated demo stills: a seeded random source, colour mixing,
// gradients and SVG shapes on a fixed 1600x900 canvas. The scenes live in still-art.ts.
export type Rng = () => number;
export type Stop = [colour: string, opacity: number];

// Every scene is drawn on a fixed 1600x900 canvas and scaled by the viewBox, so the
// composition (and the random draws that shape it) do not depend on the output size.
export const W = 1600;
export const H = 900;
export const BLACK = "#000000";
export const WHITE = "#ffffff";

/** One motif's contribution: gradient/filter definitions plus the drawn elements. */
export interface Scene {
  defs: string[];
  body: string[];
}

/** What every motif painter receives: seeded randomness and the three palette roles. */
export interface Paint {
  rng: Rng;
  shadow: string; // palette[0]: the darkest tone, for backgrounds and silhouettes
  mid: string; // palette[1]: the atmosphere, for skies, walls and tables
  light: string; // palette[2]: the light source, for neon, lamps and highlights
}

// mulberry32: tiny and good enough for layout; crucially it is deterministic, so the same
// options always yield byte-identical SVG (and therefore a stable, cacheable JPEG).
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

export function count(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

// Fixed precision keeps the markup compact and free of float noise like 0.30000000000000004.
export function n(value: number): string {
  return Number(value.toFixed(1)).toString();
}

export function parseHex(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) throw new Error(`Still palette colours must be #rrggbb, got "${hex}"`);
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Linear blend of two hex colours; t=0 gives `a`, t=1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  const channel = (i: 0 | 1 | 2): string =>
    Math.round(ca[i] + (cb[i] - ca[i]) * t)
      .toString(16)
      .padStart(2, "0");
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

export function blurFilter(id: string, deviation: number): string {
  // A generous filter region stops wide blurs from being clipped into visible boxes.
  return `<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${n(deviation)}"/></filter>`;
}

export function stopTags(stops: Stop[], from = 0): string {
  return stops
    .map(([colour, opacity], i) => {
      const offset = from + ((100 - from) * i) / Math.max(1, stops.length - 1);
      return `<stop offset="${n(offset)}%" stop-color="${colour}" stop-opacity="${opacity}"/>`;
    })
    .join("");
}

/** Evenly spaced stops, top-to-bottom by default or left-to-right when `horizontal`. */
export function linearGradient(id: string, stops: Stop[], horizontal = false): string {
  const axis = horizontal ? 'x2="1" y2="0"' : 'x2="0" y2="1"';
  return `<linearGradient id="${id}" x1="0" y1="0" ${axis}>${stopTags(stops)}</linearGradient>`;
}

/** Opaque colours only: the common case for skies, walls and floors. */
export function solid(...colours: string[]): Stop[] {
  return colours.map((colour) => [colour, 1]);
}

/** One colour whose opacity runs from `start` to `end`: beams, glows and vignettes. */
export function fade(colour: string, start: number, end: number): Stop[] {
  return [start, end].map((opacity) => [colour, opacity]);
}

/** A soft pool of one colour fading to transparent, used for every glow and lamp. */
export function radialGlow(id: string, colour: string, innerOpacity: number): string {
  return `<radialGradient id="${id}">${stopTags(fade(colour, innerOpacity, 0))}</radialGradient>`;
}

export function rect(x: number, y: number, w: number, h: number, attrs: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${attrs}/>`;
}

/** A rectangle over the whole canvas: backgrounds and the final vignette. */
export function cover(fill: string): string {
  return rect(0, 0, W, H, `fill="${fill}"`);
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, attrs: string): string {
  return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" ${attrs}/>`;
}

export function circle(cx: number, cy: number, r: number, attrs: string): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" ${attrs}/>`;
}

/** Points as a flat x,y list, which keeps call sites on one line. */
export function polygon(points: number[], attrs: string): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    pairs.push(`${n(points[i] ?? 0)},${n(points[i + 1] ?? 0)}`);
  }
  return `<polygon points="${pairs.join(" ")}" ${attrs}/>`;
}

// Blurring one group is far cheaper for librsvg than blurring dozens of shapes one by one.
export function blurredGroup(filterId: string, shapes: string[], attrs = ""): string {
  return `<g filter="url(#${filterId})" ${attrs}>${shapes.join("")}</g>`;
}

// Abstract "film stills" generated from a palette, a motif and a seed, so the demo never
// ships or downloads anyone else's images. Output is plain SVG (no <text>: the server may
// have no fonts) rasterised to JPEG with sharp.
import {
  W,
  H,
  BLACK,
  WHITE,
  mulberry32,
  between,
  count,
  n,
  parseHex,
  mix,
  blurFilter,
  stopTags,
  linearGradient,
  solid,
  fade,
  radialGlow,
  rect,
  cover,
  ellipse,
  circle,
  polygon,
  blurredGroup,
} from "./svg-kit.ts";
import type { Rng, Scene, Paint } from "./svg-kit.ts";

interface StillArtOptions {
  width: number;
  height: number;
  palette: [string, string, string];
  motif: "neon" | "horizon" | "rain" | "cards" | "window" | "spotlight";
  seed: number;
}

type Motif = StillArtOptions["motif"];
/** A distant city at the end of a desert road, under floating neon signs. */
function neonScene({ rng, shadow, mid, light }: Paint): Scene {
  const horizon = between(rng, 560, 620);
  const vanishX = between(rng, 620, 980);
  const tint = mix(mid, light, 0.5);
  const defs = [
    linearGradient("sky", solid(mix(shadow, BLACK, 0.4), shadow, mix(shadow, mid, 0.6))),
    radialGlow("cityGlow", light, 0.6),
    blurFilter("glow", 14),
    blurFilter("haze", 50),
  ];
  const body = [cover("url(#sky)"), ellipse(vanishX, horizon, 760, 190, 'fill="url(#cityGlow)"')];
  body.push(skyline(rng, horizon, mix(shadow, BLACK, 0.55)));
  // Each sign is drawn three times: a thick blurred stroke for the glow, a coloured tube, and
  // a thin white-hot core, which is what makes a stroke read as light rather than paint.
  const signs: ((stroke: string | null, attrs: string) => string)[] = [];
  for (let i = count(rng, 4, 6); i > 0; i--) {
    const [x, y] = [between(rng, 40, W - 400), between(rng, 60, horizon - 200)];
    const colour = i % 2 === 0 ? light : tint;
    const [w, h] = rng() < 0.45 ? [between(rng, 160, 360), between(rng, 70, 150)] : [0, 0];
    const length = between(rng, 260, 700);
    signs.push((stroke, attrs) => {
      const paint = `fill="none" stroke="${stroke ?? colour}" stroke-linecap="round" ${attrs}`;
      return w > 0
        ? rect(x, y, w, h, `rx="18" ${paint}`)
        : `<path d="M${n(x)},${n(y)} h${n(length)}" ${paint}/>`;
    });
  }
  const glow = signs.map((sign) => sign(null, 'stroke-width="16"'));
  body.push(blurredGroup("glow", glow), ...signs.map((sign) => sign(null, 'stroke-width="6"')));
  body.push(...signs.map((sign) => sign(WHITE, 'stroke-width="1.5" stroke-opacity="0.7"')));
  const ground = mix(shadow, BLACK, 0.5);
  const road = mix(shadow, mid, 0.3);
  body.push(rect(0, horizon, W, H - horizon, `fill="${ground}"`));
  body.push(polygon([vanishX - 6, horizon, vanishX + 6, horizon, W, H, 0, H], `fill="${road}"`));
  const sheen = [vanishX - 2, horizon, vanishX + 2, horizon, vanishX + 200, H, vanishX - 200, H];
  body.push(polygon(sheen, `fill="${light}" opacity="0.22" filter="url(#haze)"`));
  return { defs, body };
}

/** Blocky building silhouettes standing on `horizon`, with the odd tall tower. */
function skyline(rng: Rng, horizon: number, colour: string): string {
  const blocks: string[] = [];
  for (let x = between(rng, -60, 0); x < W;) {
    const width = between(rng, 50, 150);
    const height = between(rng, 20, 120) * (rng() < 0.2 ? 2.2 : 1);
    blocks.push(rect(x, horizon - height, width + 2, height, `fill="${colour}"`));
    x += width;
  }
  return blocks.join("");
}

/** Layered ridges under a low sun: the long drive out of town. */
function horizonScene({ rng, shadow, mid, light }: Paint): Scene {
  const horizon = between(rng, 500, 580);
  const sunX = between(rng, 420, 1180);
  const defs = [
    linearGradient("sky", solid(mix(shadow, mid, 0.35), mid, mix(mid, light, 0.7))),
    radialGlow("sunGlow", light, 0.8),
    blurFilter("soft", 8),
  ];
  const sun = mix(light, WHITE, 0.35);
  const body = [cover("url(#sky)"), ellipse(sunX, horizon, 520, 300, 'fill="url(#sunGlow)"')];
  body.push(circle(sunX, horizon - 30, between(rng, 80, 130), `fill="${sun}" opacity="0.95"`));
  const clouds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const y = between(rng, 120, horizon - 80);
    const [rx, ry] = [between(rng, 200, 520), between(rng, 6, 16)];
    clouds.push(ellipse(between(rng, 0, W), y, rx, ry, `fill="${mix(mid, light, 0.5)}"`));
  }
  body.push(blurredGroup("soft", clouds, 'opacity="0.35"'));
  // Nearer ridges are darker and lower, which is what gives the flat image its depth.
  const far = mix(mid, shadow, 0.55);
  const near = mix(shadow, BLACK, 0.45);
  for (let layer = 0; layer < 4; layer++) {
    const tone = mix(far, near, layer / 3);
    body.push(`<path d="${ridgePath(rng, horizon + layer * 70, 40 - layer * 6)}" fill="${tone}"/>`);
  }
  return { defs, body };
}

/** A smooth closed ridge line across the canvas at roughly `base`, with amplitude `lift`. */
function ridgePath(rng: Rng, base: number, lift: number): string {
  const steps = 6;
  const step = W / steps;
  let d = `M0,${n(base - between(rng, 0, lift))}`;
  for (let i = 1; i <= steps; i++) {
    const peak = base - between(rng, 0, lift * 2);
    d += ` Q${n(step * i - step / 2)},${n(peak)} ${n(step * i)},${n(base - between(rng, 0, lift))}`;
  }
  return `${d} L${W},${H} L0,${H} Z`;
}

/** Out-of-focus city lights behind slanting rain, smeared across a wet street. */
function rainScene({ rng, shadow, mid, light }: Paint): Scene {
  const street = between(rng, 600, 650);
  const defs = [
    linearGradient("sky", solid(mix(shadow, BLACK, 0.3), mix(shadow, mid, 0.55))),
    linearGradient("street", solid(mix(shadow, mid, 0.3), mix(shadow, BLACK, 0.4))),
    blurFilter("bokeh", 20),
    blurFilter("wet", 12),
  ];
  const body = [cover("url(#sky)"), rect(0, street, W, H - street, 'fill="url(#street)"')];
  const bokeh: string[] = [];
  const reflections: string[] = [];
  const pale = mix(mid, WHITE, 0.35);
  for (let i = count(rng, 14, 22); i > 0; i--) {
    const [x, y, r] = [between(rng, 0, W), between(rng, 200, street - 40), between(rng, 18, 64)];
    const colour = rng() < 0.6 ? light : pale;
    const opacity = n(between(rng, 0.4, 0.85));
    bokeh.push(circle(x, y, r, `fill="${colour}" opacity="${opacity}"`));
    // A light's reflection is a thin vertical smear that starts where the street begins.
    const length = between(rng, 90, 220);
    reflections.push(rect(x - r / 4, street + 10, r / 2, length, `fill="${colour}"`));
  }
  body.push(blurredGroup("bokeh", bokeh), blurredGroup("wet", reflections, 'opacity="0.35"'));
  const slant = between(rng, 0.12, 0.3);
  const drops: string[] = [];
  for (let i = 0; i < 170; i++) {
    const [x, y, len] = [between(rng, -200, W), between(rng, -100, H), between(rng, 40, 120)];
    drops.push(`M${n(x)},${n(y)} l${n(len * slant)},${n(len)}`);
  }
  const rain = `stroke="${mix(mid, WHITE, 0.6)}" stroke-width="1.6" stroke-linecap="round"`;
  body.push(`<path d="${drops.join(" ")}" ${rain} opacity="0.3"/>`);
  return { defs, body };
}

/** Cards and chips fanned out under a hanging lamp. */
function cardsScene({ rng, shadow, mid, light }: Paint): Scene {
  const lampX = between(rng, 600, 1000);
  const felt = stopTags(solid(mix(mid, light, 0.15), mix(shadow, BLACK, 0.3)));
  const defs = [
    `<radialGradient id="felt" cx="${n(lampX / W)}" cy="0.45" r="0.75">${felt}</radialGradient>`,
    blurFilter("shadow", 10),
    radialGlow("lamp", light, 0.45),
  ];
  const body = [cover("url(#felt)"), ellipse(lampX, 420, 640, 380, 'fill="url(#lamp)"')];
  const cards = count(rng, 3, 5);
  const face = mix(light, WHITE, 0.55);
  for (let i = 0; i < cards; i++) {
    const offset = i - (cards - 1) / 2;
    const cx = lampX + offset * between(rng, 110, 150);
    const angle = offset * between(rng, 8, 14) + between(rng, -4, 4);
    const place = `translate(${n(cx)},${n(between(rng, 430, 520))}) rotate(${n(angle)})`;
    body.push(`<g transform="${place}">${cardShape(rng, face, mid, shadow)}</g>`);
  }
  for (let i = 0; i < 7; i++) {
    const colour = rng() < 0.5 ? light : mid;
    body.push(chip(between(rng, 150, W - 150), between(rng, 650, 830), colour, shadow));
  }
  return { defs, body };
}

/** A single card centred on the origin: drop shadow, face, border and one abstract pip. */
function cardShape(rng: Rng, face: string, ink: string, shadow: string): string {
  const pip =
    rng() < 0.5
      ? polygon([0, -46, 34, 0, 0, 46, -34, 0], `fill="${ink}"`)
      : circle(0, 0, 34, `fill="${ink}"`);
  const border = `rx="8" fill="none" stroke="${ink}" stroke-opacity="0.35" stroke-width="2"`;
  return [
    rect(-95, -125, 200, 270, `rx="14" fill="${shadow}" opacity="0.6" filter="url(#shadow)"`),
    rect(-100, -140, 200, 280, `rx="14" fill="${face}"`),
    rect(-86, -126, 172, 252, border),
    pip,
    circle(-70, -108, 9, `fill="${ink}"`),
    circle(70, 108, 9, `fill="${ink}"`),
  ].join("");
}

function chip(x: number, y: number, colour: string, shadow: string): string {
  const edge = `fill="none" stroke="${WHITE}" stroke-opacity="0.7" stroke-width="5"`;
  return [
    // Chips are small enough that a hard offset shadow reads fine and skips a costly blur.
    ellipse(x + 5, y + 8, 47, 23, `fill="${shadow}" opacity="0.5"`),
    ellipse(x, y, 46, 22, `fill="${colour}"`),
    ellipse(x, y, 36, 16, `${edge} stroke-dasharray="9 9"`),
  ].join("");
}

/** A dark room, a paned window onto a lit city, and the window's light thrown on the floor. */
function windowScene({ rng, shadow, mid, light }: Paint): Scene {
  const [cols, rows] = [count(rng, 2, 4), count(rng, 2, 3)];
  const [winW, winH] = [between(rng, 460, 620), between(rng, 480, 560)];
  const [winX, winY] = [between(rng, 220, W - winW - 220), between(rng, 90, 150)];
  const defs = [
    linearGradient("room", solid(mix(shadow, BLACK, 0.35), shadow), true),
    linearGradient("view", solid(mid, mix(mid, light, 0.65))),
    blurFilter("spill", 16),
    `<clipPath id="pane">${rect(winX, winY, winW, winH, "")}</clipPath>`,
  ];
  const body = [cover("url(#room)"), rect(winX, winY, winW, winH, 'fill="url(#view)"')];
  // Distant buildings and their lit windows, clipped so they read as a city beyond the glass.
  const city = [skyline(rng, winY + winH, mix(mid, shadow, 0.6))];
  for (let i = 0; i < 40; i++) {
    const [x, y] = [between(rng, winX, winX + winW), between(rng, winY + winH * 0.6, winY + winH)];
    const lit = `fill="${light}" opacity="${n(between(rng, 0.3, 0.9))}"`;
    city.push(rect(x, y, between(rng, 6, 14), between(rng, 8, 16), lit));
  }
  body.push(`<g clip-path="url(#pane)">${city.join("")}</g>`);
  const bar = `fill="${mix(shadow, BLACK, 0.3)}"`;
  for (let c = 1; c < cols; c++) body.push(rect(winX + (winW / cols) * c - 7, winY, 14, winH, bar));
  for (let r = 1; r < rows; r++) body.push(rect(winX, winY + (winH / rows) * r - 7, winW, 14, bar));
  const frame = `fill="none" stroke="${mix(shadow, BLACK, 0.3)}" stroke-width="36"`;
  body.push(rect(winX - 18, winY - 18, winW + 36, winH + 36, frame));
  // The light on the floor is the window's shape sheared by a low, oblique source.
  const shear = between(rng, -260, 260);
  const top = winY + winH + 60;
  const spill = [winX, top, winX + winW, top, winX + winW + shear + 120, H, winX + shear - 120, H];
  body.push(polygon(spill, `fill="${light}" opacity="0.22" filter="url(#spill)"`));
  return { defs, body };
}

/** A stage: curtains at the edges and a single cone of light onto the boards. */
function spotlightScene({ rng, shadow, mid, light }: Paint): Scene {
  const sourceX = between(rng, 560, 1040);
  const poolX = sourceX + between(rng, -160, 160);
  const poolY = between(rng, 720, 780);
  const fold = mix(mid, shadow, 0.7);
  const defs = [
    linearGradient("beam", fade(light, 0.55, 0.08)),
    radialGlow("pool", mix(light, WHITE, 0.3), 0.75),
    blurFilter("beamBlur", 24),
    linearGradient("fold", solid(fold, mid, fold), true),
  ];
  const beam = [sourceX - 30, -20, sourceX + 30, -20, poolX + 300, poolY, poolX - 300, poolY];
  const body = [
    cover(mix(shadow, BLACK, 0.35)),
    rect(0, 620, W, H - 620, `fill="${shadow}"`),
    polygon(beam, 'fill="url(#beam)" filter="url(#beamBlur)"'),
    ellipse(poolX, poolY, 380, 90, 'fill="url(#pool)"'),
  ];
  // Curtain folds: repeated horizontal gradients read as heavy cloth without any texture.
  const foldWidth = between(rng, 60, 90);
  const curtainWidth = between(rng, 180, 300);
  for (let x = 0; x < curtainWidth; x += foldWidth) {
    body.push(rect(x, 0, foldWidth, H, 'fill="url(#fold)"'));
    body.push(rect(W - x - foldWidth, 0, foldWidth, H, 'fill="url(#fold)"'));
  }
  // A few motes caught in the beam give it volume.
  for (let i = 0; i < 24; i++) {
    const t = rng();
    const x = sourceX + (poolX - sourceX) * t + between(rng, -220, 220) * t;
    body.push(circle(x, t * poolY, between(rng, 1.5, 3.5), `fill="${WHITE}" opacity="0.4"`));
  }
  return { defs, body };
}

const painters: Record<Motif, (paint: Paint) => Scene> = {
  neon: neonScene,
  horizon: horizonScene,
  rain: rainScene,
  cards: cardsScene,
  window: windowScene,
  spotlight: spotlightScene,
};

// A shared vignette pulls every motif toward the same photographic, lens-like finish.
const vignette = `<radialGradient id="vignette" r="0.75">${stopTags(fade(BLACK, 0, 0.6), 55)}</radialGradient>`;

/** Deterministic SVG markup for the given options. */
export function stillSvg(options: StillArtOptions): string {
  // Validate up front so a bad palette fails with a clear message rather than odd colours.
  options.palette.forEach(parseHex);
  const [shadow, mid, light] = options.palette;
  // Salting the seed with the motif keeps two stills that share a seed but differ in motif
  // from drawing the same random sequence.
  const salt = Object.keys(painters).indexOf(options.motif) * 0x9e3779b1;
  const rng = mulberry32(options.seed ^ salt);
  const scene = painters[options.motif]({ rng, shadow, mid, light });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${options.height}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid slice">`,
    `<defs>${scene.defs.join("")}${vignette}</defs>`,
    ...scene.body,
    cover("url(#vignette)"),
    "</svg>",
  ].join("\n");
}

/** JPEG bytes for the still, rendered from stillSvg. */
export async function renderStill(options: StillArtOptions): Promise<Buffer> {
  // The SVG already has the requested size; the resize only guards against rounding in
  // librsvg so callers can rely on exact dimensions. (sharp loads with the demo, not at start.)
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(stillSvg(options)))
    .resize(options.width, options.height, { fit: "cover" })
    .jpeg({ quality: 82, progressive: true, mozjpeg: true })
    .toBuffer();
}

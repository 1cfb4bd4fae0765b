// The lari sign ₾ (U+20BE) as a one-glyph TrueType font, drawn and built here. Many systems' fonts
// have no ₾ (Debian's DejaVu and Liberation, older Windows), and the browser then draws an empty
// box wherever Intl writes GEL; this font covers that one character (unicode-range U+20BE), and
// the system's font draws everything else. Made in the page, so `npm start` serves no font file.

/** Outlines in font units (1000 an em, baseline 0): each a closed list of [x, y, onCurve]. */
type Point = readonly [x: number, y: number, on: boolean];

const ADVANCE = 700;

/** An arc of a circle as TrueType draws it: on-curve points and quadratic control points. */
function arc(cx: number, cy: number, r: number, from: number, to: number): Point[] {
  const steps = Math.ceil(Math.abs(to - from) / 45);
  const step = ((to - from) / steps) * (Math.PI / 180);
  const start = from * (Math.PI / 180);
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = start + i * step;
    if (i > 0) {
      const mid = a - step / 2;
      const far = r / Math.cos(step / 2);
      points.push([cx + far * Math.cos(mid), cy + far * Math.sin(mid), false]);
    }
    points.push([cx + r * Math.cos(a), cy + r * Math.sin(a), true]);
  }
  return points;
}

const box = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0, true],
  [x0, y1, true],
  [x1, y1, true],
  [x1, y0, true],
];

/**
 * The sign: an open bowl (the Georgian letter ლ, stylised) that runs into the horizontal bar it
 * stands on, and two upright strokes through its top.
 */
const GLYPH: Point[][] = [
  [...arc(350, 320, 320, 35, 270), ...arc(350, 320, 246, 270, 35)],
  box(350, 0, 660, 74),
  box(268, 500, 332, 780),
  box(408, 500, 472, 780),
].map((contour) => {
  // TrueType fills clockwise outlines: all the same way, so overlaps stay filled.
  const area = contour.reduce((sum, [x, y], i) => {
    const [nx, ny] = contour[(i + 1) % contour.length] as Point;
    return sum + x * ny - nx * y;
  }, 0);
  return (area > 0 ? [...contour].reverse() : contour).map(
    ([x, y, on]) => [Math.round(x), Math.round(y), on] as const,
  );
});

class Bytes {
  readonly out: number[] = [];
  u8(...values: number[]) {
    for (const v of values) this.out.push(v & 0xff);
    return this;
  }
  u16(...values: number[]) {
    for (const v of values) this.u8(v >> 8, v);
    return this;
  }
  u32(...values: number[]) {
    for (const v of values) this.u16(v >>> 16, v & 0xffff);
    return this;
  }
}

function glyf(): number[] {
  const points = GLYPH.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const b = new Bytes().u16(GLYPH.length, Math.min(...xs), Math.min(...ys));
  b.u16(Math.max(...xs), Math.max(...ys));
  let end = -1;
  for (const contour of GLYPH) {
    end += contour.length;
    b.u16(end);
  }
  b.u16(0); // no instructions
  for (const [, , on] of points) b.u8(on ? 1 : 0);
  // Each coordinate a 16-bit step from the one before.
  for (const axis of [0, 1] as const)
    points.forEach((p, i) => {
      b.u16(p[axis] - (points[i - 1]?.[axis] ?? 0));
    });
  while (b.out.length % 4) b.u8(0);
  return b.out;
}

function name(): number[] {
  const strings = ['Lari', 'Regular', 'Lari sign 1.0', 'Lari', 'Version 1.0', 'Lari'];
  const b = new Bytes().u16(0, strings.length, 6 + strings.length * 12);
  let offset = 0;
  strings.forEach((s, i) => {
    b.u16(3, 1, 0x409, i + 1, s.length * 2, offset);
    offset += s.length * 2;
  });
  for (const s of strings) for (const c of s) b.u16(c.charCodeAt(0));
  return b.out;
}

/** The font's bytes, for `new FontFace('Lari', lariFont(), { unicodeRange: 'U+20BE' })`. */
export function lariFont(): ArrayBuffer {
  const points = GLYPH.flat();
  const [xMin, yMin, xMax, yMax] = [
    Math.min(...points.map((p) => p[0])),
    Math.min(...points.map((p) => p[1])),
    Math.max(...points.map((p) => p[0])),
    Math.max(...points.map((p) => p[1])),
  ];
  const glyph = glyf();
  const tables: Record<string, number[]> = {
    'OS/2': new Bytes()
      .u16(4, ADVANCE, 400, 5, 0, 650, 700, 0, 140, 650, 700, 0, 480, 50, 250, 0)
      .u8(2, 0, 5, 3, 0, 0, 0, 0, 0, 0)
      .u32(0, 0, 0, 0)
      .u8(...[...'NONE'].map((c) => c.charCodeAt(0)))
      .u16(0x40, 0x20be, 0x20be, 800, -200, 0, 800, 200)
      .u32(1, 0)
      .u16(500, 700, 0, 32, 0).out,
    cmap: new Bytes()
      .u16(0, 1, 3, 1)
      .u32(12)
      .u16(4, 32, 0, 4, 4, 1, 0)
      .u16(0x20be, 0xffff, 0, 0x20be, 0xffff, 1 - 0x20be, 1, 0, 0).out,
    glyf: glyph,
    head: new Bytes()
      .u32(0x10000, 0x10000, 0, 0x5f0f3cf5)
      .u16(0b1011, 1000)
      .u32(0, 0, 0, 0)
      .u16(xMin, yMin, xMax, yMax, 0, 8, 2, 1, 0).out,
    hhea: new Bytes()
      .u32(0x10000)
      .u16(800, -200, 0, ADVANCE, xMin, ADVANCE - xMax, xMax, 1, 0, 0, 0, 0, 0, 0, 0, 2).out,
    hmtx: new Bytes().u16(ADVANCE, 0, ADVANCE, xMin).out,
    loca: new Bytes().u32(0, 0, glyph.length).out,
    maxp: new Bytes()
      .u32(0x10000)
      .u16(2, points.length, GLYPH.length, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0).out,
    name: name(),
    post: new Bytes().u32(0x30000, 0).u16(-100, 50).u32(0, 0, 0, 0, 0).out,
  };
  const tags = Object.keys(tables).sort();
  // A table's checksum: its 32-bit words summed, the last one padded with zeros.
  const sum = (data: number[]) => {
    let total = 0;
    for (let i = 0; i < data.length; i += 4) {
      const word = [0, 1, 2, 3].reduce((w, k) => w * 256 + (data[i + k] ?? 0), 0);
      total = (total + word) >>> 0;
    }
    return total;
  };
  const font = new Bytes().u32(0x10000).u16(tags.length, 128, 3, tags.length * 16 - 128);
  let offset = 12 + tags.length * 16;
  for (const tag of tags) {
    const data = tables[tag] as number[];
    font.u8(...[...tag].map((c) => c.charCodeAt(0))).u32(sum(data), offset, data.length);
    offset += Math.ceil(data.length / 4) * 4;
  }
  let headAt = 0;
  for (const tag of tags) {
    const data = tables[tag] as number[];
    if (tag === 'head') headAt = font.out.length;
    font.u8(...data);
    while (font.out.length % 4) font.u8(0);
  }
  const adjust = (0xb1b0afba - sum(font.out)) >>> 0;
  font.out.splice(headAt + 8, 4, ...new Bytes().u32(adjust).out);
  return new Uint8Array(font.out).buffer;
}

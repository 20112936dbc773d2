// Illustrations for the demo's news articles, drawn here rather than copied from anywhere, so the
// demo carries no photograph whose rights are unclear: tea rows on rolling hills under mountains, by
// day or at dusk, written as PNG files with Node's zlib.
import { deflateSync } from 'node:zlib';

export type PictureVariant = 'day' | 'dusk';

const WIDTH = 800;
const HEIGHT = 450;

type Rgb = readonly [number, number, number];

const PALETTES: Record<
  PictureVariant,
  { skyTop: Rgb; skyLow: Rgb; far: Rgb; hill: Rgb; rows: Rgb; front: Rgb; sun: Rgb | null }
> = {
  day: {
    skyTop: [96, 160, 220],
    skyLow: [200, 228, 245],
    far: [120, 150, 170],
    hill: [92, 160, 70],
    rows: [52, 118, 44],
    front: [40, 100, 40],
    sun: null,
  },
  dusk: {
    skyTop: [70, 60, 120],
    skyLow: [246, 170, 110],
    far: [110, 90, 120],
    hill: [88, 128, 60],
    rows: [52, 90, 40],
    front: [34, 70, 34],
    sun: [255, 214, 120],
  },
};

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

function pixel(p: (typeof PALETTES)[PictureVariant], x: number, y: number): Rgb {
  const front = 380 + 22 * Math.sin(x / 110 + 4) + 8 * Math.sin(x / 37);
  if (y > front) return (y - front) % 16 < 6 ? mix(p.front, [0, 0, 0], 0.25) : p.front;
  const hill = 290 + 40 * Math.sin(x / 150 + 2) + 14 * Math.sin(x / 53);
  if (y > hill) return (y - hill) % 20 < 8 ? p.rows : p.hill;
  const far = 215 + 35 * Math.sin(x / 97) + 22 * Math.sin(x / 41 + 1);
  if (y > far) return p.far;
  if (p.sun && (x - 560) ** 2 + (y - 205) ** 2 < 38 ** 2) return p.sun;
  return mix(p.skyTop, p.skyLow, y / 300);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 800×450 PNG of Mộc Châu's tea hills, the same bytes on every run. */
export function demoPicture(variant: PictureVariant): Buffer {
  const palette = PALETTES[variant];
  const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  let at = 0;
  for (let y = 0; y < HEIGHT; y++) {
    raw[at++] = 0; // no filter
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = pixel(palette, x, y);
      raw[at++] = r;
      raw[at++] = g;
      raw[at++] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

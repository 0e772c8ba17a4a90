import { PNG } from 'pngjs';

export type Image = { width: number; height: number; data: Buffer };

export function decode(png: Buffer): Image {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: image.data };
}

const rgb = (hex: string) => [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));

/** Whether the pixel is `hex` (within a small tolerance for rounding, none for antialiased edges). */
export function isColor(image: Image, x: number, y: number, hex: string): boolean {
  const offset = (y * image.width + x) * 4;
  return rgb(hex).every((value, channel) => Math.abs((image.data[offset + channel] as number) - value) <= 4);
}

/** Not near white: text, lines, bars, the darker bands. */
export function isInk(image: Image, x: number, y: number): boolean {
  const offset = (y * image.width + x) * 4;
  return [0, 1, 2].some((channel) => (image.data[offset + channel] as number) < 160);
}

/** The topmost and bottommost rows of `hex` in column x, or null. */
export function columnSpan(image: Image, x: number, hex: string): { top: number; bottom: number } | null {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < image.height; y++) {
    if (!isColor(image, x, y, hex)) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  return top < 0 ? null : { top, bottom };
}

/** Runs of `hex` along row y, as [from, to] inclusive. */
export function rowRuns(image: Image, y: number, hex: string): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= image.width; x++) {
    const hit = x < image.width && isColor(image, x, y, hex);
    if (hit && start < 0) start = x;
    if (!hit && start >= 0) {
      runs.push([start, x - 1]);
      start = -1;
    }
  }
  return runs;
}

export function countColor(image: Image, hex: string): number {
  let count = 0;
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (isColor(image, x, y, hex)) count++;
  return count;
}

/** Ink pixels inside a rectangle, and a fingerprint of where they are. */
export function inkIn(image: Image, box: { x0: number; y0: number; x1: number; y1: number }) {
  let count = 0;
  const rows: string[] = [];
  for (let y = box.y0; y < box.y1; y++) {
    let row = '';
    for (let x = box.x0; x < box.x1; x++) {
      const ink = isInk(image, x, y);
      if (ink) count++;
      row += ink ? '#' : '.';
    }
    rows.push(row);
  }
  return { count, fingerprint: rows.join('\n') };
}

import { crc32, deflateSync } from 'node:zlib';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphOf } from './label-font.js';

export interface LabelImage {
  width: number;
  height: number;
  /** `#rrggbb`. */
  background: string;
  /** One line, drawn centred as large as fits. */
  label: string;
}

type Rgb = readonly [number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
/** One empty column between glyphs. */
const CELL_WIDTH = GLYPH_WIDTH + 1;

/**
 * A PNG made by code (the demo's listing images and KYC documents: nothing downloaded): a solid colour with the label
 * in black or white, whichever reads better on it. 8-bit RGB, unfiltered rows, one IDAT.
 */
export function labelPng(image: LabelImage): Buffer {
  const background = parseColour(image.background);
  const pixels = Buffer.alloc(image.width * image.height * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(background, i);
  drawLabel(pixels, image, inkFor(background));
  return encodePng(image.width, image.height, pixels);
}

function parseColour(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`expected a #rrggbb colour, got ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** Black or white text, by the WCAG relative luminance of the background (0.179 is where both contrast alike). */
function inkFor([r, g, b]: Rgb): Rgb {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return luminance > 0.179 ? BLACK : WHITE;
}

/** The label centred, each font pixel a square as large as lets the text fill 80% of the width and half the height. */
function drawLabel(pixels: Buffer, image: LabelImage, ink: Rgb): void {
  const chars = [...image.label];
  if (chars.length === 0) return;
  const textWidth = chars.length * CELL_WIDTH - 1;
  const scale = Math.max(1, Math.floor(Math.min((image.width * 0.8) / textWidth, (image.height * 0.5) / GLYPH_HEIGHT)));
  const left = Math.floor((image.width - textWidth * scale) / 2);
  const top = Math.floor((image.height - GLYPH_HEIGHT * scale) / 2);
  chars.forEach((char, index) =>
    glyphOf(char).forEach((row, y) =>
      row.forEach((on, x) => {
        if (on) fillSquare(pixels, image, left + (index * CELL_WIDTH + x) * scale, top + y * scale, scale, ink);
      }),
    ),
  );
}

function fillSquare(pixels: Buffer, image: LabelImage, left: number, top: number, size: number, ink: Rgb): void {
  for (let y = Math.max(0, top); y < Math.min(image.height, top + size); y++)
    for (let x = Math.max(0, left); x < Math.min(image.width, left + size); x++)
      pixels.set(ink, (y * image.width + x) * 3);
}

function encodePng(width: number, height: number, pixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, RGB, deflate, adaptive filtering, no interlace
  const rowBytes = width * 3;
  const scanlines = Buffer.alloc(height * (rowBytes + 1)); // each row: filter type 0 (none), then its pixels
  for (let y = 0; y < height; y++) pixels.copy(scanlines, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Length, type, data, and the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const framed = Buffer.alloc(typeAndData.length + 8);
  framed.writeUInt32BE(data.length, 0);
  typeAndData.copy(framed, 4);
  framed.writeUInt32BE(crc32(typeAndData), framed.length - 4);
  return framed;
}

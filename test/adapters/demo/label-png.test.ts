import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { labelPng } from '../../../src/adapters/demo/label-png.js';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
    at += length + 12;
  }
  return chunks;
}

/** The RGB triples of the image, from its unfiltered scanlines. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  const chunks = chunksOf(png);
  const header = chunks.find((c) => c.type === 'IHDR')!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const scanlines = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  expect(scanlines.length).toBe(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) expect(scanlines[y * (width * 3 + 1)]).toBe(0);
  const pixel = (x: number, y: number) => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    return [...scanlines.subarray(at, at + 3)];
  };
  return { width, height, pixel };
}

function pixelsOf(image: ReturnType<typeof decode>): number[][] {
  return Array.from({ length: image.width * image.height }, (_, i) =>
    image.pixel(i % image.width, Math.floor(i / image.width)),
  );
}

describe('labelPng', () => {
  const png = labelPng({ width: 160, height: 120, background: '#1e90ff', label: 'Camera 42' });

  it('is a PNG: the signature, then IHDR first and IEND last, each chunk with its CRC-32', () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = chunksOf(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) expect(chunk.crc).toBe(crc32(Buffer.concat([Buffer.from(chunk.type), chunk.data])));
  });

  it('declares its size as 8-bit RGB without interlacing', () => {
    const header = chunksOf(png)[0]!.data;
    expect(header.readUInt32BE(0)).toBe(160);
    expect(header.readUInt32BE(4)).toBe(120);
    expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  });

  it('is the background colour with the label drawn across its middle', () => {
    const image = decode(png);
    expect(image.pixel(0, 0)).toEqual([0x1e, 0x90, 0xff]);
    expect(image.pixel(159, 119)).toEqual([0x1e, 0x90, 0xff]);
    const drawn = pixelsOf(image).filter((p) => p.join() !== [0x1e, 0x90, 0xff].join());
    expect(drawn.length).toBeGreaterThan(200);
    expect(new Set(drawn.map((p) => p.join()))).toEqual(new Set(['0,0,0']));
  });

  it('writes white on a dark background and black on a light one', () => {
    const inkOn = (background: string) => {
      const image = decode(labelPng({ width: 60, height: 30, background, label: 'A' }));
      return pixelsOf(image).find((p) => p.join() !== image.pixel(0, 0).join());
    };
    expect(inkOn('#101820')).toEqual([255, 255, 255]);
    expect(inkOn('#f5deb3')).toEqual([0, 0, 0]);
  });

  it('draws a character the font lacks as a question mark rather than failing', () => {
    const unknown = labelPng({ width: 60, height: 30, background: '#ffffff', label: 'é' });
    expect(unknown.equals(labelPng({ width: 60, height: 30, background: '#ffffff', label: '?' }))).toBe(true);
  });

  it('refuses a colour that is not #rrggbb', () => {
    expect(() => labelPng({ width: 10, height: 10, background: 'red', label: 'X' })).toThrow(/#rrggbb/);
  });
});

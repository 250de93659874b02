// Minimal image headers built byte by byte from the format specs, for size-reading tests.

function u32be(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function u16be(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

function u16le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff];
}

function u24le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff];
}

function ascii(text: string): number[] {
  return [...text].map((character) => character.charCodeAt(0));
}

/** PNG signature + IHDR chunk (width, height, 8-bit RGBA). */
export function pngHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0x89,
    ...ascii("PNG\r\n"),
    0x1a,
    0x0a,
    ...u32be(13),
    ...ascii("IHDR"),
    ...u32be(width),
    ...u32be(height),
    8,
    6,
    0,
    0,
    0,
  ]);
}

/** GIF89a logical screen descriptor. */
export function gifHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([...ascii("GIF89a"), ...u16le(width), ...u16le(height), 0, 0, 0]);
}

/** SOI, an APP0 segment of `paddingBytes` (like EXIF pushing the frame back), then SOF0. */
export function jpegHeader(width: number, height: number, paddingBytes = 16): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    ...u16be(paddingBytes + 2),
    ...new Array<number>(paddingBytes).fill(0),
    0xff,
    0xc0,
    ...u16be(17),
    8,
    ...u16be(height),
    ...u16be(width),
    3,
    ...new Array<number>(9).fill(0),
  ]);
}

/** RIFF/WEBP with an extended (VP8X) chunk: canvas size minus one, 24-bit little endian. */
export function webpHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    ...ascii("RIFF"),
    ...u32be(0),
    ...ascii("WEBP"),
    ...ascii("VP8X"),
    ...u32be(10),
    0,
    0,
    0,
    0,
    ...u24le(width - 1),
    ...u24le(height - 1),
  ]);
}

/** Base64 of bytes (test-side encoder, independent of the decoder under test). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

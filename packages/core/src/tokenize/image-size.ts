/** Pixel size of an image. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Bytes of the image header scanned for a JPEG frame (EXIF blocks can push it far in). */
const MAX_HEADER_BYTES = 131_072;

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return u16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);
}

function u32be(bytes: Uint8Array, at: number): number {
  return u16be(bytes, at) * 65_536 + u16be(bytes, at + 2);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    at += 2 + u16be(bytes, at + 2);
  }
  return undefined;
}

function webpSize(bytes: Uint8Array): ImageSize | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8 ") {
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    const b1 = bytes[22] ?? 0;
    const b2 = bytes[23] ?? 0;
    const b3 = bytes[24] ?? 0;
    return {
      width: 1 + ((bytes[21] ?? 0) | ((b1 & 0x3f) << 8)),
      height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)),
    };
  }
  if (chunk === "VP8X") return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
  return undefined;
}

/**
 * Width and height from the header of a PNG, JPEG, GIF or WebP file; `undefined` for other
 * formats or truncated headers. Reads only the header, never decodes pixels.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  let size: ImageSize | undefined;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG" && bytes.length >= 24) {
    size = { width: u32be(bytes, 16), height: u32be(bytes, 20) };
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    size = jpegSize(bytes);
  } else if (ascii(bytes, 0, 4) === "GIF8" && bytes.length >= 10) {
    size = { width: u16le(bytes, 6), height: u16le(bytes, 8) };
  } else if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP" && bytes.length >= 30) {
    size = webpSize(bytes);
  }
  return size !== undefined && size.width > 0 && size.height > 0 ? size : undefined;
}

const base64Values = new Int16Array(128).fill(-1);
for (const [index, character] of [
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
].entries()) {
  base64Values[character.charCodeAt(0)] = index;
}
// URL-safe alphabet too.
base64Values["-".charCodeAt(0)] = 62;
base64Values["_".charCodeAt(0)] = 63;

/**
 * Decodes at most `maxBytes` bytes of base64 from `text`, starting at `start` (so a data URL
 * is never copied). Stops at padding or at the first character outside the alphabet.
 */
export function decodeBase64Prefix(text: string, start: number, maxBytes: number): Uint8Array {
  const bytes = new Uint8Array(Math.min(maxBytes, Math.ceil(((text.length - start) * 3) / 4)));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = start; index < text.length && length < bytes.length; index++) {
    const value = base64Values[text.charCodeAt(index)] ?? -1;
    if (value < 0) break;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/**
 * Image size from a data URL (`data:image/png;base64,…`) or a bare base64 string; `undefined`
 * for remote URLs and unknown formats.
 */
export function imageSizeFromString(text: string): ImageSize | undefined {
  let start = 0;
  if (text.startsWith("data:")) {
    const comma = text.indexOf(",");
    if (comma < 0 || !text.slice(0, comma).endsWith(";base64")) return undefined;
    start = comma + 1;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(text.slice(0, 16))) {
    return undefined; // http:, https:, gs:, file: … — not inline data
  }
  // PNG, GIF and WebP sizes sit in the first 30 bytes; JPEG needs its segment walk.
  const head = decodeBase64Prefix(text, start, 32);
  if (head[0] !== 0xff) return readImageSize(head);
  return readImageSize(decodeBase64Prefix(text, start, MAX_HEADER_BYTES));
}

/** Image size from bytes, base64 or a data URL. */
export function imageSizeFromData(data: unknown): ImageSize | undefined {
  if (typeof data === "string") return imageSizeFromString(data);
  if (data instanceof Uint8Array) return readImageSize(data.subarray(0, MAX_HEADER_BYTES));
  if (data instanceof ArrayBuffer) {
    return readImageSize(new Uint8Array(data, 0, Math.min(data.byteLength, MAX_HEADER_BYTES)));
  }
  return undefined;
}

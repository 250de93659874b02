import { describe, expect, it } from "vitest";
import {
  gifHeader,
  jpegHeader,
  pngHeader,
  toBase64,
  webpHeader,
} from "./__fixtures__/image-headers.js";
import { imageSizeFromData, readImageSize } from "./image-size.js";

describe("readImageSize", () => {
  it("reads PNG, GIF, JPEG and WebP headers", () => {
    expect(readImageSize(pngHeader(1024, 768))).toEqual({ width: 1024, height: 768 });
    expect(readImageSize(gifHeader(320, 200))).toEqual({ width: 320, height: 200 });
    expect(readImageSize(jpegHeader(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(readImageSize(webpHeader(1920, 1080))).toEqual({ width: 1920, height: 1080 });
  });

  it("finds a JPEG frame behind a large APP segment", () => {
    expect(readImageSize(jpegHeader(800, 600, 60_000))).toEqual({ width: 800, height: 600 });
  });

  it("returns undefined for unknown or truncated data", () => {
    expect(readImageSize(Uint8Array.from([1, 2, 3, 4]))).toBeUndefined();
    expect(readImageSize(pngHeader(10, 10).subarray(0, 20))).toBeUndefined();
  });
});

describe("imageSizeFromData", () => {
  it("decodes base64 and data URLs without decoding the whole payload", () => {
    const png = pngHeader(640, 480);
    const payload = `${toBase64(png)}${"A".repeat(10_000)}`;
    expect(imageSizeFromData(payload)).toEqual({ width: 640, height: 480 });
    expect(imageSizeFromData(`data:image/png;base64,${payload}`)).toEqual({
      width: 640,
      height: 480,
    });
    expect(
      imageSizeFromData(`data:image/jpeg;base64,${toBase64(jpegHeader(300, 200, 2_000))}`),
    ).toEqual({ width: 300, height: 200 });
  });

  it("reads bytes and ignores remote URLs", () => {
    expect(imageSizeFromData(gifHeader(16, 9))).toEqual({ width: 16, height: 9 });
    expect(imageSizeFromData("https://example.com/cat.png")).toBeUndefined();
    expect(imageSizeFromData(new URL("https://example.com/cat.png"))).toBeUndefined();
  });
});

import type { ImageSize } from "./image-size.js";
import type { TokenizerFamily } from "./tokenizer-family.js";

/** OpenAI's `detail` setting of an image. `auto` is counted as `high` (the worst case). */
export type ImageDetail = "low" | "high" | "auto";

/** What {@link imageTokens} needs to know about one image. */
export interface ImageTokensRequest {
  family: TokenizerFamily;
  /** Pixel size when known (read from inline data); a documented default otherwise. */
  size?: ImageSize | undefined;
  detail?: ImageDetail | undefined;
  /** Model id, for per-model OpenAI rates (gpt-4o-mini bills images at ~33× the tokens). */
  model?: string | undefined;
}

/** Tokens of an image whose size is unknown (a remote URL), per rule. */
export const UNKNOWN_IMAGE_TOKENS: Readonly<{ openai: number; anthropic: number; google: number }> =
  {
    /** A 1024×1024 (or 4:3) image at high detail: 4 tiles × 170 + 85. */
    openai: 765,
    /** Anthropic's cap: larger images are scaled down to about 1,600 tokens. */
    anthropic: 1600,
    /** Gemini: one image up to 384×384 px, or one 768×768 tile. */
    google: 258,
  };

function scaled(size: ImageSize, factor: number): ImageSize {
  return { width: Math.floor(size.width * factor), height: Math.floor(size.height * factor) };
}

/**
 * OpenAI (platform.openai.com/docs/guides/images-vision, "Calculating costs"): low detail is a
 * flat 85 tokens; high detail scales the image to fit 2048×2048, then its shortest side down
 * to 768, and costs 170 per 512-px tile plus 85. gpt-4o-mini uses 2,833 + 5,667 per tile.
 */
function openaiImageTokens(request: ImageTokensRequest): number {
  const isMini = request.model !== undefined && /gpt-4o-mini/i.test(request.model);
  const baseTokens = isMini ? 2833 : 85;
  const tileTokens = isMini ? 5667 : 170;
  if (request.detail === "low") return baseTokens;
  let size = request.size;
  if (size === undefined) return baseTokens + 4 * tileTokens;
  const longest = Math.max(size.width, size.height);
  if (longest > 2048) size = scaled(size, 2048 / longest);
  const shortest = Math.min(size.width, size.height);
  if (shortest > 768) size = scaled(size, 768 / shortest);
  const tiles = Math.ceil(size.width / 512) * Math.ceil(size.height / 512);
  return baseTokens + tiles * tileTokens;
}

/**
 * Anthropic (docs.anthropic.com, "Vision", image costs): tokens ≈ width × height / 750, after
 * scaling the long edge down to 1,568 px; images above ~1,600 tokens are scaled down to it.
 */
function anthropicImageTokens(size: ImageSize | undefined): number {
  if (size === undefined) return UNKNOWN_IMAGE_TOKENS.anthropic;
  const longest = Math.max(size.width, size.height);
  const fitted = longest > 1568 ? scaled(size, 1568 / longest) : size;
  return Math.min(Math.ceil((fitted.width * fitted.height) / 750), UNKNOWN_IMAGE_TOKENS.anthropic);
}

/**
 * Google (ai.google.dev, "Understand and count tokens"): an image with both sides ≤ 384 px is
 * 258 tokens; larger images are tiled into 768×768 crops of 258 tokens each.
 */
function googleImageTokens(size: ImageSize | undefined): number {
  if (size === undefined || (size.width <= 384 && size.height <= 384)) return 258;
  return Math.ceil(size.width / 768) * Math.ceil(size.height / 768) * 258;
}

/**
 * Input tokens of one image by its provider's published rule. Families without a rule of
 * their own (Mistral, Llama, …) use OpenAI's.
 *
 * @example
 * imageTokens({ family: "openai", size: { width: 1024, height: 1024 } });    // 765
 * imageTokens({ family: "anthropic", size: { width: 1000, height: 1000 } }); // 1334
 */
export function imageTokens(request: ImageTokensRequest): number {
  if (request.family === "anthropic") return anthropicImageTokens(request.size);
  if (request.family === "google") return googleImageTokens(request.size);
  return openaiImageTokens(request);
}

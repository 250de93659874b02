import { compactJson } from "./compact-json.js";
import { imageSizeFromData } from "./image-size.js";
import { type ImageDetail, imageTokens } from "./image-tokens.js";
import { addText, type Tally, type TallyContext } from "./tally.js";

type Part = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function asDetail(value: unknown): ImageDetail | undefined {
  return value === "low" || value === "high" || value === "auto" ? value : undefined;
}

function addImage(tally: Tally, data: unknown, detail: unknown, context: TallyContext): void {
  tally.fixedTokens += imageTokens({
    family: context.family,
    size: imageSizeFromData(data),
    detail: asDetail(detail),
    model: context.model,
  });
}

/** AI SDK v4 tags file data (`{ type: 'data' | 'url' | 'text', … }`); v2/v3 pass it bare. */
function untagFileData(data: unknown): { text?: string; data?: unknown } {
  if (!isRecord(data) || data instanceof URL) return { data };
  if (data.type === "text") return { text: asString(data.text) ?? "" };
  if (data.type === "data") return { data: data.data };
  if (data.type === "url") return { data: data.url };
  return { data: undefined };
}

/** AI SDK / LangChain / OpenAI file parts: images by image rules, text as text, others flat. */
function addFile(tally: Tally, part: Part, context: TallyContext): void {
  const mediaType = asString(part.mediaType) ?? asString(part.mimeType) ?? asString(part.mime_type);
  const { text, data } = untagFileData(part.data ?? part.url);
  if (text !== undefined) {
    addText(tally, text, context);
  } else if (mediaType?.startsWith("image/") === true) {
    const openaiOptions = isRecord(part.providerOptions) ? part.providerOptions.openai : undefined;
    const detail = isRecord(openaiOptions) ? openaiOptions.imageDetail : undefined;
    addImage(tally, data, detail, context);
  } else if (mediaType?.startsWith("text/") === true && typeof part.text === "string") {
    addText(tally, part.text, context);
  } else {
    tally.fixedTokens += context.fileTokens;
  }
}

/**
 * Content found inside a part (a tool result's content), counted after the part: a queue
 * instead of recursion, so content nested 10,000 levels deep is counted, not a stack overflow.
 */
type NestedContent = unknown[];

/** AI SDK tool-result output: `{ type: 'text' | 'json' | 'content' | …, value }`. */
function addToolOutput(
  tally: Tally,
  output: unknown,
  context: TallyContext,
  nested: NestedContent,
): void {
  if (!isRecord(output)) {
    addText(tally, compactJson(output), context);
    return;
  }
  if (output.type === "content" && Array.isArray(output.value)) {
    nested.push(output.value);
  } else if (output.type === "execution-denied") {
    addText(tally, asString(output.reason) ?? "", context);
  } else if ("value" in output) {
    addText(tally, compactJson(output.value), context);
  } else {
    addText(tally, compactJson(output), context);
  }
}

function addImagePart(tally: Tally, part: Part, context: TallyContext): void {
  const source = isRecord(part.source) ? part.source : undefined;
  const data = part.data ?? source?.data ?? part.url ?? source?.url ?? part.image;
  if (typeof part.width === "number" && typeof part.height === "number") {
    const size = { width: part.width, height: part.height };
    const detail = asDetail(part.detail);
    tally.fixedTokens += imageTokens({
      family: context.family,
      size,
      detail,
      model: context.model,
    });
  } else {
    addImage(tally, data, part.detail, context);
  }
}

function addPart(tally: Tally, part: Part, context: TallyContext, nested: NestedContent): void {
  switch (part.type) {
    case "text":
    case "input_text":
    case "output_text":
      addText(tally, asString(part.text) ?? "", context);
      return;
    case "reasoning":
      addText(tally, asString(part.text) ?? asString(part.reasoning) ?? "", context);
      return;
    case "thinking":
      addText(tally, asString(part.thinking) ?? "", context);
      return;
    case "image_url": {
      const imageUrl = part.image_url;
      const url = isRecord(imageUrl) ? imageUrl.url : imageUrl;
      addImage(tally, url, isRecord(imageUrl) ? imageUrl.detail : part.detail, context);
      return;
    }
    case "input_image":
      addImage(tally, part.image_url, part.detail, context);
      return;
    case "image":
    case "image-data":
    case "image-url":
      addImagePart(tally, part, context);
      return;
    case "file":
    case "media":
    case "file-data":
    case "file-url":
      if (isRecord(part.file)) {
        tally.fixedTokens += context.fileTokens; // OpenAI chat `{ type: 'file', file: {…} }`
      } else {
        addFile(tally, part, context);
      }
      return;
    case "tool-call":
      addText(tally, asString(part.toolName) ?? "", context);
      addText(tally, compactJson(part.input ?? part.args), context);
      return;
    case "tool_use":
    case "tool_call":
      addText(tally, asString(part.name) ?? "", context);
      addText(tally, compactJson(part.input ?? part.args), context);
      return;
    case "tool-result":
      addToolOutput(tally, part.output ?? part.result, context, nested);
      return;
    case "tool_result":
      nested.push(part.content);
      return;
    case "input_audio":
    case "audio":
      tally.fixedTokens += context.fileTokens;
      return;
    case "redacted_thinking":
    case "source":
    case "custom":
    case "reasoning-file":
      return; // carry no prompt text of their own (or only opaque provider data)
    default:
      if (typeof part.text === "string") addText(tally, part.text, context);
      else addText(tally, compactJson(part), context);
  }
}

/**
 * Adds a message's content: a string, an array of parts (OpenAI, AI SDK, LangChain and
 * Anthropic part shapes), or `null`/`undefined` (nothing). Tool results inside it are walked
 * with an explicit queue, to any depth.
 */
export function addContent(tally: Tally, content: unknown, context: TallyContext): void {
  const nested: NestedContent = [content];
  while (nested.length > 0) addContentLevel(tally, nested.pop(), context, nested);
}

/** One level of content; tool-result content found in it goes to `nested`. */
function addContentLevel(
  tally: Tally,
  content: unknown,
  context: TallyContext,
  nested: NestedContent,
): void {
  if (content === null || content === undefined) return;
  if (typeof content === "string") {
    addText(tally, content, context);
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (typeof part === "string") addText(tally, part, context);
      else if (isRecord(part)) addPart(tally, part, context, nested);
      else addText(tally, compactJson(part), context);
    }
  } else if (isRecord(content)) {
    addPart(tally, content, context, nested);
  } else {
    addText(tally, compactJson(content), context);
  }
}

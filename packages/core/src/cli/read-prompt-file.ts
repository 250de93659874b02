import { extname } from "node:path";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { readTextFile } from "./read-text-file.js";

/** A prompt read from a file: plain text, or chat messages with tools. */
export interface PromptFile {
  prompt?: string;
  messages?: unknown[];
  tools?: unknown[];
  /** `max_tokens` / `max_output_tokens` / `max_completion_tokens` / `maxOutputTokens` of a request body. */
  maxOutputTokens?: number;
  /** `text`, `messages` or `request` (a JSON request body). */
  shape: "text" | "messages" | "request";
}

const HINT =
  'Pass a text file, or a JSON file holding an array of messages ([{ "role": "user", "content": "…" }]) or a request body ({ "messages": [...], "tools": [...] }).';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a prompt file: `.json` files (or text starting with `[` / `{` that parses as JSON) are
 * an array of messages or a request body with `messages` (or `input`), `tools`, `system`
 * and a max-tokens field; anything else is plain text.
 */
export async function readPromptFile(path: string, cwd: string): Promise<PromptFile> {
  const text = await readTextFile(path, cwd, "prompt file", HINT);
  const trimmed = text.trimStart();
  const looksJson =
    extname(path).toLowerCase() === ".json" || trimmed.startsWith("[") || trimmed.startsWith("{");
  if (!looksJson) return { prompt: text, shape: "text" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (extname(path).toLowerCase() !== ".json") return { prompt: text, shape: "text" };
    throw new InvalidConfigError({
      message: `Prompt file "${path}" is not valid JSON (${(error as Error).message}). ${HINT}`,
      cause: error,
    });
  }
  if (Array.isArray(json)) return { messages: json, shape: "messages" };
  if (!isRecord(json))
    throw new InvalidConfigError({
      message: `Prompt file "${path}" holds neither messages nor a request. ${HINT}`,
    });
  const messages = Array.isArray(json.messages)
    ? json.messages
    : Array.isArray(json.input)
      ? json.input
      : undefined;
  const file: PromptFile = { shape: "request" };
  if (messages !== undefined) {
    // Anthropic-style bodies carry the system prompt beside the messages.
    const system =
      typeof json.system === "string" ? [{ role: "system", content: json.system }] : [];
    file.messages = [...system, ...messages];
  } else if (typeof json.prompt === "string" || typeof json.input === "string") {
    file.prompt = (json.prompt ?? json.input) as string;
  } else {
    throw new InvalidConfigError({
      message: `Prompt file "${path}" has no "messages", "input" or "prompt". ${HINT}`,
    });
  }
  if (Array.isArray(json.tools) && json.tools.length > 0) file.tools = json.tools;
  const max =
    json.max_output_tokens ?? json.max_completion_tokens ?? json.max_tokens ?? json.maxOutputTokens;
  if (typeof max === "number" && Number.isSafeInteger(max) && max > 0) file.maxOutputTokens = max;
  return file;
}

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

/** The path of `estimate -`: the prompt comes from standard input. */
export const STDIN_PATH = "-";

/**
 * Reads a prompt file: `.json` files (or text starting with `[` / `{` that parses as JSON) are
 * an array of messages or a request body with `messages` (or `input`), `tools`, `system`
 * and a max-tokens field; anything else is plain text. The path `-` reads standard input
 * through `readStdin` (text, or JSON when it parses as messages or a request).
 */
export async function readPromptFile(
  path: string,
  cwd: string,
  readStdin?: () => Promise<string>,
): Promise<PromptFile> {
  if (path === STDIN_PATH && readStdin !== undefined) {
    const text = await readStdin();
    if (text.trim() === "") {
      throw new InvalidConfigError({
        message: `Standard input is empty. Pipe a prompt in (cat prompt.txt | tokenledger estimate - --model gpt-4o), or pass a file instead of "-". ${HINT}`,
      });
    }
    return parsePrompt(text, "Standard input", false);
  }
  const text = await readTextFile(path, cwd, "prompt file", HINT);
  return parsePrompt(text, `Prompt file "${path}"`, extname(path).toLowerCase() === ".json");
}

/** Parses prompt text; `label` names where it came from, `mustBeJson` for `.json` files. */
function parsePrompt(text: string, label: string, mustBeJson: boolean): PromptFile {
  const trimmed = text.trimStart();
  const looksJson = mustBeJson || trimmed.startsWith("[") || trimmed.startsWith("{");
  if (!looksJson) return { prompt: text, shape: "text" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!mustBeJson) return { prompt: text, shape: "text" };
    throw new InvalidConfigError({
      message: `${label} is not valid JSON (${(error as Error).message}). ${HINT}`,
      cause: error,
    });
  }
  if (Array.isArray(json)) return { messages: json, shape: "messages" };
  if (!isRecord(json))
    throw new InvalidConfigError({
      message: `${label} holds neither messages nor a request. ${HINT}`,
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
      message: `${label} has no "messages", "input" or "prompt". ${HINT}`,
    });
  }
  if (Array.isArray(json.tools) && json.tools.length > 0) file.tools = json.tools;
  const max =
    json.max_output_tokens ?? json.max_completion_tokens ?? json.max_tokens ?? json.maxOutputTokens;
  if (typeof max === "number" && Number.isSafeInteger(max) && max > 0) file.maxOutputTokens = max;
  return file;
}

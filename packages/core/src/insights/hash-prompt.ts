import {
  createHashState,
  digestHex,
  HASH_TAGS,
  type HashState,
  hashBytes,
  hashTag,
  hashText,
} from "./hash-state.js";

/** What {@link hashPrompt} reads: the prompt fields of an estimate or reserve request. */
export interface PromptHashInput {
  /** A plain-text prompt. */
  prompt?: string | undefined;
  /** Chat messages: AI SDK prompt, LangChain messages or OpenAI-style `{ role, content }`. */
  messages?: readonly unknown[] | undefined;
  /** Tool definitions sent with the call (part of the whole prompt, not of the system part). */
  tools?: readonly unknown[] | undefined;
}

/** Hashes of a prompt (16 hex digits each). Never the text itself. */
export interface PromptHashes {
  /** The whole prompt: every message (role and content), the plain prompt and the tools. */
  promptHash: string;
  /** The leading system/developer messages; absent when the prompt has none. */
  systemHash?: string;
  /** The text of the leading system part, joined with newlines, for counting its tokens. Not stored. */
  systemText?: string;
}

/** Keys that change from call to call without changing what the model sees. */
const IGNORED_KEYS: ReadonlySet<string> = new Set([
  "id",
  "toolCallId",
  "tool_call_id",
  "providerOptions",
  "providerMetadata",
  "experimental_providerMetadata",
  "cache_control",
  "response_metadata",
  "usage_metadata",
  "lc_serializable",
  "lc_kwargs",
  "lc_namespace",
]);

const MAX_DEPTH = 24;

/** LangChain message types (`_getType()`, serialized class names) → roles. */
const LANGCHAIN_ROLES: Readonly<Record<string, string>> = {
  human: "user",
  ai: "assistant",
  system: "system",
  developer: "developer",
  tool: "tool",
  function: "function",
  HumanMessage: "user",
  AIMessage: "assistant",
  SystemMessage: "system",
  ToolMessage: "tool",
  HumanMessageChunk: "user",
  AIMessageChunk: "assistant",
  SystemMessageChunk: "system",
  ToolMessageChunk: "tool",
};

interface MessageParts {
  role: string;
  /** Fields that reach the model (content, name, tool calls). */
  fields: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Feeds any JSON-like value without serializing it: strings, numbers, lists, objects, bytes. */
function hashValue(state: HashState, value: unknown, depth: number): void {
  if (typeof value === "string") {
    hashText(state, value);
    return;
  }
  if (value === null || value === undefined) {
    hashTag(state, HASH_TAGS.null);
    return;
  }
  if (typeof value !== "object") {
    hashTag(state, HASH_TAGS.scalar);
    hashText(state, `${typeof value}:${String(value)}`);
    return;
  }
  if (depth >= MAX_DEPTH) {
    hashTag(state, HASH_TAGS.deep);
    return;
  }
  if (Array.isArray(value)) {
    hashTag(state, HASH_TAGS.list);
    hashTag(state, value.length);
    for (const entry of value) hashValue(state, entry, depth + 1);
    return;
  }
  // Plain objects (message parts) are the common case: skip the class checks for them.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const special =
      value instanceof Uint8Array
        ? value
        : value instanceof ArrayBuffer
          ? new Uint8Array(value)
          : value instanceof URL
            ? `\u0000url:${value.href}`
            : value instanceof Date
              ? `\u0000date:${value.toISOString()}`
              : undefined;
    if (typeof special === "string") {
      hashText(state, special);
      return;
    }
    if (special !== undefined) {
      hashBytes(state, special);
      return;
    }
  }
  hashTag(state, HASH_TAGS.object);
  for (const key of Object.keys(value)) {
    if (IGNORED_KEYS.has(key)) continue;
    const entry = (value as Record<string, unknown>)[key];
    if (entry === undefined || typeof entry === "function") continue;
    hashText(state, key);
    hashValue(state, entry, depth + 1);
  }
}

function pickFields(source: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { content: source.content };
  if (typeof source.name === "string" && source.name !== "") fields.name = source.name;
  if (Array.isArray(source.tool_calls) && source.tool_calls.length > 0) {
    fields.tool_calls = source.tool_calls;
  }
  if (source.function_call !== undefined) fields.function_call = source.function_call;
  return fields;
}

function langchainType(message: Record<string, unknown>): string | undefined {
  const getType = message._getType ?? message.getType;
  if (typeof getType === "function") return String(getType.call(message));
  return typeof message.type === "string" ? message.type : undefined;
}

/** Reads OpenAI / AI SDK `{ role, content }`, LangChain instances, tuples and serialized messages. */
function readMessage(message: unknown): MessageParts {
  if (typeof message === "string") return { role: "user", fields: { content: message } };
  if (Array.isArray(message) && typeof message[0] === "string") {
    return { role: LANGCHAIN_ROLES[message[0]] ?? message[0], fields: { content: message[1] } };
  }
  if (!isRecord(message)) return { role: "user", fields: { content: message } };
  if (typeof message.role === "string") return { role: message.role, fields: pickFields(message) };
  if (message.lc === 1 && Array.isArray(message.id) && isRecord(message.kwargs)) {
    const className = String(message.id[message.id.length - 1]);
    return { role: LANGCHAIN_ROLES[className] ?? "user", fields: pickFields(message.kwargs) };
  }
  const type = langchainType(message);
  if (type !== undefined && LANGCHAIN_ROLES[type] !== undefined) {
    return { role: LANGCHAIN_ROLES[type] ?? "user", fields: pickFields(message) };
  }
  return { role: "user", fields: { message } };
}

/** Plain text of a system message's content (strings and text parts), for token counting. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const pieces: string[] = [];
  for (const part of content) {
    if (typeof part === "string") pieces.push(part);
    else if (isRecord(part) && typeof part.text === "string") pieces.push(part.text);
  }
  return pieces.join("\n");
}

const isSystemRole = (role: string): boolean => role === "system" || role === "developer";

/** Hash states after a prompt's first message, for plain-text system messages seen before. */
const firstSystemStates = new Map<string, Map<string, HashState>>();
const MAX_CACHED_SYSTEM_MESSAGES = 256;
let cachedSystemMessages = 0;

/**
 * The state after feeding a prompt's first (system) message into a fresh state. Apps send the
 * same system prompt on every call, so plain-text ones are remembered (by role and text, at
 * most 256; the text is usually the same string object, found without reading it).
 */
function firstSystemMessageState(parts: MessageParts): HashState {
  const content = parts.fields.content;
  const plain = typeof content === "string" && Object.keys(parts.fields).length === 1;
  const byContent = plain ? firstSystemStates.get(parts.role) : undefined;
  const cached = plain ? byContent?.get(content) : undefined;
  if (cached !== undefined) return { first: cached.first, second: cached.second };
  const state = createHashState();
  hashTag(state, HASH_TAGS.message);
  hashText(state, parts.role);
  hashValue(state, parts.fields, 0);
  if (plain) {
    if (cachedSystemMessages >= MAX_CACHED_SYSTEM_MESSAGES) {
      firstSystemStates.clear();
      cachedSystemMessages = 0;
    }
    let map = byContent;
    if (map === undefined) {
      map = new Map();
      firstSystemStates.set(parts.role, map);
    }
    map.set(content, { first: state.first, second: state.second });
    cachedSystemMessages++;
  }
  return state;
}

/**
 * Stable hashes of a prompt, for spotting repeated prompts and repeated static prefixes
 * without storing any prompt text. `promptHash` covers everything the model sees (roles,
 * content, names, tool calls, images or file bytes, the plain prompt and tool definitions);
 * `systemHash` covers the leading system/developer messages only. Ids, provider options and
 * cache-control markers are left out, so the same conversation hashes the same on every call.
 * Linear in the prompt's size; nothing is JSON-serialized. `undefined` when there is no prompt.
 *
 * @example
 * hashPrompt({ messages: [{ role: "system", content: longRules }, { role: "user", content: "Hi" }] });
 * // { promptHash: "9c1f…", systemHash: "41d0…", systemText: longRules }
 */
export function hashPrompt(input: PromptHashInput): PromptHashes | undefined {
  const { prompt, messages, tools } = input;
  const hasMessages = Array.isArray(messages) && messages.length > 0;
  if (typeof prompt !== "string" && !hasMessages) return undefined;
  const whole = createHashState();
  let system: HashState | undefined;
  const systemTexts: string[] = [];
  if (typeof prompt === "string") {
    hashTag(whole, HASH_TAGS.prompt);
    hashText(whole, prompt);
  }
  if (hasMessages) {
    // Without a plain prompt, `whole` after the leading system part equals `system`: hash
    // that part once and copy the state (the system prompt is usually most of the text).
    const shareSystem = typeof prompt !== "string";
    let leading = true;
    for (const message of messages) {
      const parts = readMessage(message);
      if (leading && isSystemRole(parts.role)) {
        if (system === undefined) {
          system = firstSystemMessageState(parts);
        } else {
          hashTag(system, HASH_TAGS.message);
          hashText(system, parts.role);
          hashValue(system, parts.fields, 0);
        }
        systemTexts.push(textOf(parts.fields.content));
        if (shareSystem) continue;
      } else if (leading) {
        leading = false;
        if (shareSystem && system) {
          whole.first = system.first;
          whole.second = system.second;
        }
      }
      hashTag(whole, HASH_TAGS.message);
      hashText(whole, parts.role);
      hashValue(whole, parts.fields, 0);
    }
    if (leading && shareSystem && system) {
      whole.first = system.first;
      whole.second = system.second;
    }
  }
  if (Array.isArray(tools) && tools.length > 0) {
    hashTag(whole, HASH_TAGS.tools);
    hashValue(whole, tools, 0);
  }
  const hashes: PromptHashes = { promptHash: digestHex(whole) };
  if (system) {
    hashes.systemHash = digestHex(system);
    // One system message (the usual case): its own string, which the token cache finds by identity.
    hashes.systemText =
      systemTexts.length === 1 ? (systemTexts[0] as string) : systemTexts.join("\n");
  }
  return hashes;
}

import { compactJson } from "./compact-json.js";
import { addContent, isRecord } from "./count-content.js";
import { addText, type Tally, type TallyContext } from "./tally.js";

/**
 * OpenAI's documented chat overhead (openai-cookbook, "How to count tokens with tiktoken"):
 * each message is wrapped as `<|start|>{role}<|message|>{content}<|end|>`, 3 tokens plus the
 * role's own tokens; a `name` adds its tokens plus 1; every reply is primed with 3 tokens.
 */
export const CHAT_OVERHEAD: Readonly<{
  perMessage: number;
  perName: number;
  replyPriming: number;
}> = { perMessage: 3, perName: 1, replyPriming: 3 };

/** One message reduced to what is counted. */
interface MessageView {
  role: string;
  content: unknown;
  name: string | undefined;
  toolCalls: readonly { name: unknown; arguments: unknown }[];
}

/** LangChain message types (`_getType()`, serialized class names) → OpenAI roles. */
const langchainRoles: Readonly<Record<string, string>> = {
  human: "user",
  ai: "assistant",
  system: "system",
  tool: "tool",
  function: "function",
  developer: "developer",
  HumanMessage: "user",
  HumanMessageChunk: "user",
  AIMessage: "assistant",
  AIMessageChunk: "assistant",
  SystemMessage: "system",
  SystemMessageChunk: "system",
  ToolMessage: "tool",
  ToolMessageChunk: "tool",
};

type Fields = Record<string, unknown>;

function readToolCalls(fields: Fields): MessageView["toolCalls"] {
  const calls: { name: unknown; arguments: unknown }[] = [];
  if (Array.isArray(fields.tool_calls)) {
    for (const call of fields.tool_calls) {
      if (!isRecord(call)) continue;
      // OpenAI: { function: { name, arguments } }; LangChain: { name, args }.
      const target = isRecord(call.function) ? call.function : call;
      calls.push({ name: target.name, arguments: target.arguments ?? target.args });
    }
  }
  if (isRecord(fields.function_call)) {
    calls.push({ name: fields.function_call.name, arguments: fields.function_call.arguments });
  }
  return calls;
}

function view(role: string, fields: Fields): MessageView {
  return {
    role,
    content: fields.content,
    name: typeof fields.name === "string" && fields.name !== "" ? fields.name : undefined,
    toolCalls: readToolCalls(fields),
  };
}

function langchainType(message: Fields): string | undefined {
  if (typeof message.type === "string") return message.type;
  const getType = message._getType ?? message.getType;
  return typeof getType === "function" ? String(getType.call(message)) : undefined;
}

/** Reads OpenAI, AI SDK, LangChain (instances, tuples, serialized) and Responses-API items. */
function viewMessage(message: unknown): MessageView | undefined {
  if (typeof message === "string") return view("user", { content: message });
  if (Array.isArray(message) && typeof message[0] === "string") {
    return view(langchainRoles[message[0]] ?? message[0], { content: message[1] });
  }
  if (!isRecord(message)) return view("user", { content: compactJson(message) });
  if (typeof message.role === "string") return view(message.role, message);
  if (typeof message._getType === "function" || typeof message.getType === "function") {
    const type = langchainType(message) ?? "human";
    if (type === "remove") return undefined; // LangGraph deletion marker, never sent
    return view(langchainRoles[type] ?? "user", message);
  }
  if (message.lc === 1 && Array.isArray(message.id) && isRecord(message.kwargs)) {
    const className = String(message.id[message.id.length - 1]);
    return view(langchainRoles[className] ?? "user", message.kwargs);
  }
  if (message.type === "function_call") {
    return {
      ...view("assistant", {}),
      toolCalls: [{ name: message.name, arguments: message.arguments }],
    };
  }
  if (message.type === "function_call_output") return view("tool", { content: message.output });
  if (typeof message.type === "string" && langchainRoles[message.type] !== undefined) {
    return view(langchainRoles[message.type] ?? "user", message);
  }
  if ("content" in message) return view("user", message);
  return view("user", { content: compactJson(message) });
}

/** True when the content already carries the tool calls (Anthropic `tool_use` blocks). */
function contentHasToolCalls(content: unknown): boolean {
  return (
    Array.isArray(content) &&
    content.some(
      (part) =>
        isRecord(part) &&
        (part.type === "tool_use" || part.type === "tool_call" || part.type === "tool-call"),
    )
  );
}

/**
 * Adds chat messages with OpenAI's per-message overhead ({@link CHAT_OVERHEAD}). Accepts
 * OpenAI `{ role, content, name?, tool_calls? }`, the AI SDK prompt (`LanguageModelV2/3/4`),
 * LangChain messages (instances, `[role, content]` tuples, serialized) and Responses-API
 * items. Anything else is counted as its compact JSON, never as zero.
 */
export function addMessages(
  tally: Tally,
  messages: readonly unknown[],
  context: TallyContext,
): void {
  let counted = 0;
  for (const message of messages) {
    const current = viewMessage(message);
    if (current === undefined) continue;
    counted++;
    tally.textTokens += CHAT_OVERHEAD.perMessage;
    addText(tally, current.role, context);
    if (current.name !== undefined) {
      tally.textTokens += CHAT_OVERHEAD.perName;
      addText(tally, current.name, context);
    }
    addContent(tally, current.content, context);
    if (!contentHasToolCalls(current.content)) {
      for (const call of current.toolCalls) {
        addText(tally, compactJson(call.name), context);
        addText(tally, compactJson(call.arguments), context);
      }
    }
  }
  if (counted > 0) tally.textTokens += CHAT_OVERHEAD.replyPriming;
}

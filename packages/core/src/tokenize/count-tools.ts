import { compactJson } from "./compact-json.js";
import { isRecord } from "./count-content.js";
import { addText, type Tally, type TallyContext } from "./tally.js";

/**
 * Fixed tokens of OpenAI's tool rendering, measured against the API by the openai-cookbook
 * ("How to count tokens with tiktoken", §7; its example matches the API's count exactly):
 * `functionStart` per tool (7 on o200k models, 10 on cl100k), `propertiesStart` once per tool
 * with properties, `perProperty` per property, `enumStart` (−3) plus `perEnumItem` per enum
 * value, `toolsEnd` once per request.
 */
export const TOOL_OVERHEAD: Readonly<{
  functionStartO200k: number;
  functionStartCl100k: number;
  propertiesStart: number;
  perProperty: number;
  enumStart: number;
  perEnumItem: number;
  toolsEnd: number;
  anthropicToolPrompt: number;
}> = {
  functionStartO200k: 7,
  functionStartCl100k: 10,
  propertiesStart: 3,
  perProperty: 3,
  enumStart: -3,
  perEnumItem: 3,
  toolsEnd: 12,
  /**
   * Anthropic adds a tool-use system prompt when tools are sent: 346 tokens on Claude
   * Sonnet/Opus 4 and 3.5–3.7 with `tool_choice` auto (docs.anthropic.com, tool use pricing).
   */
  anthropicToolPrompt: 346,
};

interface ToolView {
  name: string;
  description: string;
  parameters: Record<string, unknown> | undefined;
  /** Provider-defined tools (web search, code execution): their arguments as given. */
  extra: unknown;
}

/** A JSON schema from a plain object, a zod 4 schema or an AI SDK `jsonSchema()` wrapper. */
function readSchema(schema: unknown): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  if (isRecord(schema.jsonSchema)) return schema.jsonSchema;
  if (typeof schema.toJSONSchema === "function") {
    try {
      const converted: unknown = schema.toJSONSchema();
      return isRecord(converted) ? converted : undefined;
    } catch {
      return undefined;
    }
  }
  const prototype = Object.getPrototypeOf(schema);
  return prototype === Object.prototype || prototype === null ? schema : undefined;
}

/** Reads AI SDK, OpenAI (chat and responses), Anthropic and LangChain tool definitions. */
function viewTool(tool: Record<string, unknown>, fallbackName: string): ToolView {
  const target = isRecord(tool.function) ? tool.function : tool;
  const schema = target.parameters ?? target.inputSchema ?? target.input_schema ?? target.schema;
  return {
    name: typeof target.name === "string" ? target.name : fallbackName,
    description: typeof target.description === "string" ? target.description : "",
    parameters: readSchema(schema),
    extra: target.args,
  };
}

function withoutFinalPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

function addProperty(tally: Tally, key: string, property: unknown, context: TallyContext): void {
  tally.textTokens += TOOL_OVERHEAD.perProperty;
  const fields = isRecord(property) ? property : {};
  const type = typeof fields.type === "string" ? fields.type : compactJson(fields.type);
  const description = typeof fields.description === "string" ? fields.description : "";
  addText(tally, `${key}:${type}:${withoutFinalPeriod(description)}`, context);
  if (Array.isArray(fields.enum)) {
    tally.textTokens += TOOL_OVERHEAD.enumStart;
    for (const item of fields.enum) {
      tally.textTokens += TOOL_OVERHEAD.perEnumItem;
      addText(tally, compactJson(item), context);
    }
  }
  // Beyond the cookbook: nested objects and arrays are added as compact JSON (errs high).
  const nested = { properties: fields.properties, items: fields.items, anyOf: fields.anyOf };
  if (nested.properties !== undefined || nested.items !== undefined || nested.anyOf !== undefined) {
    addText(tally, compactJson(nested), context);
  }
}

function addTool(tally: Tally, tool: ToolView, context: TallyContext): void {
  tally.textTokens +=
    context.tokenizer.encoding === "cl100k_base"
      ? TOOL_OVERHEAD.functionStartCl100k
      : TOOL_OVERHEAD.functionStartO200k;
  addText(tally, `${tool.name}:${withoutFinalPeriod(tool.description)}`, context);
  const properties = tool.parameters?.properties;
  if (isRecord(properties) && Object.keys(properties).length > 0) {
    tally.textTokens += TOOL_OVERHEAD.propertiesStart;
    for (const [key, property] of Object.entries(properties)) {
      addProperty(tally, key, property, context);
    }
  }
  if (tool.extra !== undefined) addText(tally, compactJson(tool.extra), context);
}

/**
 * Adds tool definitions. Rule: each tool is rendered canonically as `name:description` plus
 * one `key:type:description` line per parameter (enum values apart, nested schemas as compact
 * JSON), tokenized, plus OpenAI's fixed overheads ({@link TOOL_OVERHEAD}); Anthropic models add
 * their fixed tool-use system prompt. Accepts an array of definitions or a record keyed by
 * tool name (the AI SDK's `tools` option).
 */
export function addTools(tally: Tally, tools: unknown, context: TallyContext): void {
  const entries: [string, unknown][] = Array.isArray(tools)
    ? tools.map((tool, index) => [`tool_${index}`, tool])
    : isRecord(tools)
      ? Object.entries(tools)
      : [];
  if (entries.length === 0) return;
  for (const [fallbackName, tool] of entries) {
    if (isRecord(tool)) addTool(tally, viewTool(tool, fallbackName), context);
    else addText(tally, compactJson(tool), context);
  }
  tally.textTokens += TOOL_OVERHEAD.toolsEnd;
  if (context.family === "anthropic") tally.fixedTokens += TOOL_OVERHEAD.anthropicToolPrompt;
}

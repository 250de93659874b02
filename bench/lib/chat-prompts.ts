import { buildCorpus } from "../corpus.js";

/** A fixed 179-character system prompt, sent with every call (as apps do). */
export const SYSTEM_PROMPT =
  "You are a helpful assistant for a bookshop. Answer in at most three short sentences, " +
  "name the author of every book you mention, and never invent titles or prices, please. Be kind.";

/**
 * The ~190-character user messages of the benchmark corpus (70% English, 10% code, 10% CJK, 10%
 * JSON), so with the system prompt each call sends ~370 characters, and consecutive calls send
 * different text (no cache hit a real app would not get).
 */
export function userMessages(rootDir: string): readonly string[] {
  return buildCorpus(rootDir).chat;
}

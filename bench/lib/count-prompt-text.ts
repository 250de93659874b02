/**
 * Counts every text of chat messages (`content` as a string or as parts with `text`, the shape
 * of AI SDK prompts and LangChain messages) with `count`: the least work a budget checked before
 * the call must do. The floor variants of the middleware and LangChain benchmarks run it.
 */
export function countPromptText(
  messages: readonly unknown[],
  count: (text: string) => number,
): number {
  let total = 0;
  for (const message of messages) {
    const content = (message as { content?: unknown }).content;
    if (typeof content === "string") {
      total += count(content);
    } else if (Array.isArray(content)) {
      for (const part of content) {
        const text = (part as { text?: unknown }).text;
        if (typeof text === "string") total += count(text);
      }
    }
  }
  return total;
}

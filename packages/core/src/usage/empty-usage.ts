import type { Usage } from "./usage.js";

/** A fresh zero usage, the identity of `addUsage`. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0 };
}

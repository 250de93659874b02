/** A compiled `match` pattern list: case-insensitive, trailing `*` matches a prefix. */
export type PatternMatcher = (candidates: readonly string[]) => boolean;

/** Compiles patterns once; the matcher is true when any pattern matches any candidate. */
export function compilePatterns(patterns: readonly string[]): PatternMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower.endsWith("*")) prefixes.push(lower.slice(0, -1));
    else exact.add(lower);
  }
  return (candidates) =>
    candidates.some((candidate) => {
      const lower = candidate.toLowerCase();
      return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix));
    });
}

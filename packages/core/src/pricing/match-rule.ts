import type { MatchRule } from "./catalog-snapshot.js";

/** A compiled {@link MatchRule}: call it with an already lower-cased, trimmed id. */
export type CompiledMatcher = (lowerId: string) => boolean;

/**
 * Compiles a match rule once into a predicate. String clauses compare case-insensitively (the
 * clause text is lower-cased here, the id by the caller); `regex` gets the `i` flag.
 */
export function compileMatchRule(rule: MatchRule): CompiledMatcher {
  if ("equals" in rule) {
    const expected = rule.equals.toLowerCase();
    return (lowerId) => lowerId === expected;
  }
  if ("startsWith" in rule) {
    const prefix = rule.startsWith.toLowerCase();
    return (lowerId) => lowerId.startsWith(prefix);
  }
  if ("endsWith" in rule) {
    const suffix = rule.endsWith.toLowerCase();
    return (lowerId) => lowerId.endsWith(suffix);
  }
  if ("contains" in rule) {
    const part = rule.contains.toLowerCase();
    return (lowerId) => lowerId.includes(part);
  }
  if ("regex" in rule) {
    const pattern = new RegExp(rule.regex, "i");
    return (lowerId) => pattern.test(lowerId);
  }
  if ("or" in rule) {
    const matchers = rule.or.map(compileMatchRule);
    return (lowerId) => matchers.some((matcher) => matcher(lowerId));
  }
  const matchers = rule.and.map(compileMatchRule);
  return (lowerId) => matchers.every((matcher) => matcher(lowerId));
}

/** Catalog ids known to be the small, cheap members of a family, most capable first. */
const FAMILY_FLOORS: readonly { pattern: RegExp; candidates: readonly string[] }[] = [
  { pattern: /^claude-(opus|sonnet)/, candidates: ["claude-haiku-4-5", "claude-3-5-haiku-latest"] },
  { pattern: /^claude-3-(opus|sonnet|5-sonnet|7-sonnet)/, candidates: ["claude-3-haiku"] },
  { pattern: /^gpt-5(\.\d+)?$/, candidates: ["gpt-5-mini", "gpt-5-nano"] },
  {
    pattern: /^(gpt-4|gpt-4-turbo|gpt-4-32k|gpt-4\.5-preview|chatgpt-4o-latest)$/,
    candidates: ["gpt-4o-mini"],
  },
  { pattern: /^gemini-[\d.]+-pro/, candidates: ["gemini-2.5-flash", "gemini-2.5-flash-lite"] },
];

/**
 * Cheaper models to compare a model with (catalog ids of the same provider), most capable
 * first: your `cheaperModels` for `provider:model`, then same-family siblings (`-mini`, `-nano`,
 * `-lite`; `-pro` → `-flash`, `-flash-lite`), then known small members of the family
 * (Claude Haiku, GPT-5 mini/nano, GPT-4o mini, Gemini Flash). Candidates that do not resolve
 * in the catalog, or cost more, are skipped by the caller.
 */
export function cheaperModelCandidates(
  provider: string,
  model: string,
  userCandidates: Readonly<Record<string, readonly string[]>>,
): string[] {
  const candidates: string[] = [...(userCandidates[`${provider}:${model}`] ?? [])];
  const add = (candidate: string): void => {
    if (candidate !== model && !candidates.includes(candidate)) candidates.push(candidate);
  };
  if (/-pro(?=-|$)/.test(model)) {
    add(model.replace(/-pro(?=-|$)/, "-flash"));
    add(model.replace(/-pro(?=-|$)/, "-flash-lite"));
  }
  if (!/-(mini|nano|lite|haiku)(-|$)/.test(model)) {
    add(`${model}-mini`);
    add(`${model}-nano`);
    add(`${model}-lite`);
  }
  for (const floor of FAMILY_FLOORS) {
    if (floor.pattern.test(model)) for (const candidate of floor.candidates) add(candidate);
  }
  return candidates;
}

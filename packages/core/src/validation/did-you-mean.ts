import { editDistance } from "../pricing/closest-ids.js";

/** Edits a misspelling may need: 1 for keys of up to 3 characters, 2 up to 8, else 3. */
function editLimit(key: string): number {
  if (key.length <= 3) return 1;
  return key.length <= 8 ? 2 : 3;
}

/**
 * The known key `key` most likely misspells, if any: the nearest by case-insensitive edit
 * distance within a few edits (ties: the first known key), else a known key it is the start of
 * (`minSample` → `minSampleSize`) or that is the start of it.
 */
export function closestKey(key: string, knownKeys: readonly string[]): string | undefined {
  const lowerKey = key.toLowerCase();
  const limit = editLimit(key);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const known of knownKeys) {
    const distance = editDistance(lowerKey, known.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  if (lowerKey.length < 4) return undefined;
  return knownKeys.find((known) => {
    const lowerKnown = known.toLowerCase();
    return (
      lowerKnown.startsWith(lowerKey) || (lowerKnown.length >= 4 && lowerKey.startsWith(lowerKnown))
    );
  });
}

/**
 * `did you mean "limit"?` for one unknown key, `did you mean "limit" for "limits", "window" for
 * "windw"?` for several; `undefined` when no known key is close to any of them.
 */
export function didYouMean(
  keys: readonly string[],
  knownKeys: readonly string[],
): string | undefined {
  const pairs = keys.flatMap((key) => {
    const known = closestKey(key, knownKeys);
    return known === undefined ? [] : [[key, known] as const];
  });
  if (pairs.length === 0) return undefined;
  if (keys.length === 1) return `did you mean "${pairs[0]?.[1]}"?`;
  return `did you mean ${pairs.map(([key, known]) => `"${known}" for "${key}"`).join(", ")}?`;
}

/** Edit distance between two strings (insert, delete, substitute), stopping early past `limit`. */
export function editDistance(
  left: string,
  right: string,
  limit: number = Number.POSITIVE_INFINITY,
): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      const value = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * Up to `count` candidates closest to `target` (case-insensitive edit distance, also against the
 * part after a candidate's last `/` so `gpt-4o` finds `openai/gpt-4o`), nearest first; candidates
 * further than half the target's length (at least 3 edits) are not suggested.
 */
export function closestIds(target: string, candidates: readonly string[], count = 3): string[] {
  const lowerTarget = target.toLowerCase();
  const limit = Math.max(3, Math.ceil(lowerTarget.length / 2));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    if (scored.has(candidate)) continue;
    const lowerCandidate = candidate.toLowerCase();
    const slash = lowerCandidate.lastIndexOf("/");
    const tail =
      slash >= 0 && !lowerTarget.includes("/") ? lowerCandidate.slice(slash + 1) : undefined;
    const distance = Math.min(
      editDistance(lowerTarget, lowerCandidate, limit),
      tail === undefined ? limit + 1 : editDistance(lowerTarget, tail, limit),
    );
    if (distance <= limit) scored.set(candidate, distance);
  }
  return [...scored.entries()]
    .sort((left, right) => left[1] - right[1] || left[0].localeCompare(right[0]))
    .slice(0, count)
    .map(([candidate]) => candidate);
}

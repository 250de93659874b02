/** A small seeded PRNG (xorshift32), so generated corpora are identical on every run. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: T[]): T[];
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    shuffle: (items) => {
      for (let index = items.length - 1; index > 0; index--) {
        const other = int(index + 1);
        [items[index], items[other]] = [
          items[other] as (typeof items)[number],
          items[index] as (typeof items)[number],
        ];
      }
      return items;
    },
  };
}

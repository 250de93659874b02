const MILLION = 1_000_000;
const HALF_MILLION = 500_000;

/**
 * Divides a sum of `tokens × nano-USD per 1M tokens` products by 1,000,000 once, rounding half
 * up, exactly: with safe integers when the sum is below 2^53, with BigInt otherwise.
 *
 * @throws RangeError when the result itself is beyond `Number.MAX_SAFE_INTEGER` nano-USD.
 */
export function divideByMillionHalfUp(sum: number | bigint): number {
  if (typeof sum === "number") {
    const remainder = sum % MILLION;
    const quotient = (sum - remainder) / MILLION;
    return remainder >= HALF_MILLION ? quotient + 1 : quotient;
  }
  const quotient = (sum + BigInt(HALF_MILLION)) / BigInt(MILLION);
  if (quotient > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`A cost of ${quotient} nano-USD is beyond exact integers`);
  }
  return Number(quotient);
}

/**
 * `Σ tokens[i] × prices[i]` exactly: a number while every product and the running sum stay
 * at or below `Number.MAX_SAFE_INTEGER`, else a BigInt computed from scratch.
 */
export function sumOfProducts(
  tokens: readonly number[],
  prices: readonly number[],
): number | bigint {
  let sum = 0;
  let safe = true;
  for (let index = 0; index < tokens.length; index++) {
    const product = (tokens[index] as number) * (prices[index] as number);
    sum += product;
    if (product > Number.MAX_SAFE_INTEGER || sum > Number.MAX_SAFE_INTEGER) {
      safe = false;
      break;
    }
  }
  if (safe) return sum;
  let big = 0n;
  for (let index = 0; index < tokens.length; index++) {
    big += BigInt(tokens[index] as number) * BigInt(prices[index] as number);
  }
  return big;
}

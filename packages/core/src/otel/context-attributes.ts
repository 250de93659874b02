import type { Attributes } from "@opentelemetry/api";
import type { LedgerContext } from "../ledger/types.js";
import { otelNames } from "./otel-names.js";

/**
 * The allow-listed keys of a ledger context as metric attributes
 * (`tokenledger.context.feature`, …). Keys not listed are left out, so a metric never gets one
 * series per user unless `userId` was listed on purpose. `tags` become a sorted string array.
 */
export function contextAttributes(
  context: LedgerContext,
  allowedKeys: readonly string[],
): Attributes {
  const attributes: Attributes = {};
  for (const key of allowedKeys) {
    const value = context[key];
    if (value === undefined) continue;
    attributes[`${otelNames.contextPrefix}${key}`] =
      typeof value === "string" ? value : [...value].sort();
  }
  return attributes;
}

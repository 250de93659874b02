/**
 * Type tests (compiled by `tsc -b`, never run): `ledgerMetadata` reads every place the README
 * names — a `generateText` result, its steps, a `streamText` result's awaited `providerMetadata`
 * — on ai 5, 6 and 7 without casts, and returns `LedgerMetadata | undefined`.
 */
import type {
  GenerateTextResult as GenerateTextResult7,
  StreamTextResult as StreamTextResult7,
} from "ai";
import type {
  GenerateTextResult as GenerateTextResult5,
  StreamTextResult as StreamTextResult5,
} from "ai-v5";
import type {
  GenerateTextResult as GenerateTextResult6,
  StreamTextResult as StreamTextResult6,
} from "ai-v6";
import { type LedgerMetadata, ledgerMetadata } from "./ledger-metadata.js";

// biome-ignore lint/suspicious/noExplicitAny: any tool set, context and output
type AnyTools = any;

declare const generated5: GenerateTextResult5<AnyTools, AnyTools>;
declare const generated6: GenerateTextResult6<AnyTools, AnyTools>;
declare const generated7: GenerateTextResult7<AnyTools, AnyTools, AnyTools>;
declare const streamed5: StreamTextResult5<AnyTools, AnyTools>;
declare const streamed6: StreamTextResult6<AnyTools, AnyTools>;
declare const streamed7: StreamTextResult7<AnyTools, AnyTools, AnyTools>;

export const fromResults: (LedgerMetadata | undefined)[] = [
  ledgerMetadata(generated5),
  ledgerMetadata(generated6),
  ledgerMetadata(generated7),
];
export const fromSteps: (LedgerMetadata | undefined)[][] = [
  generated5.steps.map(ledgerMetadata),
  generated6.steps.map(ledgerMetadata),
  generated7.steps.map(ledgerMetadata),
];
export async function fromStreams(): Promise<(LedgerMetadata | undefined)[]> {
  return [
    ledgerMetadata(await streamed5.providerMetadata),
    ledgerMetadata(await streamed6.providerMetadata),
    ledgerMetadata(await streamed7.providerMetadata),
  ];
}

/**
 * Type tests (compiled by `tsc -b`, never run): the integration is an ai@7 `Telemetry`,
 * accepted by `registerTelemetry` and by a call's `telemetry.integrations`, without casts.
 */
import { generateText, registerTelemetry, type Telemetry } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { ledgerTelemetry } from "./ledger-telemetry.js";

const integration: Telemetry = ledgerTelemetry();
registerTelemetry(ledgerTelemetry(), integration);
void generateText({
  model: new MockLanguageModelV4(),
  prompt: "hello",
  telemetry: { integrations: [ledgerTelemetry()] },
});

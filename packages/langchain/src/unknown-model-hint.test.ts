import { FakeListChatModel } from "@langchain/core/utils/testing";
import { createLedger, UnknownModelError } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { openAiModel } from "./test-support/models.js";

async function refusal(run: () => Promise<unknown>): Promise<UnknownModelError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UnknownModelError.isInstance(error))
    throw new Error(`expected UnknownModelError, got ${String(error)}`);
  return error;
}

describe("UnknownModelError from the LangChain handler", () => {
  it("names the handler's defaultModel option for a model that does not name itself", async () => {
    const ledger = createLedger({ unknownModel: "refuse" });
    const handler = new LedgerCallbackHandler(ledger);
    const fake = new FakeListChatModel({ responses: ["hi"] });
    const error = await refusal(() => fake.invoke("hello", { callbacks: [handler] }));
    expect(error.model).toBe("FakeListChatModel");
    expect(error.message).toContain(
      'This LangChain model does not name itself, so the handler priced it by its class name "FakeListChatModel". Pass defaultModel (and defaultProvider) to LedgerCallbackHandler',
    );
    expect(error.message).toMatch(/^Unknown model "FakeListChatModel"/);
    expect(UnknownModelError.isInstance(error.cause)).toBe(true);
  });

  it("says which defaultModel has no price when the option names an unknown id", async () => {
    const ledger = createLedger({ unknownModel: "refuse" });
    const handler = new LedgerCallbackHandler(ledger, { defaultModel: "house-model-1" });
    const fake = new FakeListChatModel({ responses: ["hi"] });
    const error = await refusal(() => fake.invoke("hello", { callbacks: [handler] }));
    expect(error.message).toContain(
      `The handler's defaultModel "house-model-1" has no price: set defaultModel to a priced id`,
    );
  });

  it("keeps the core's fix for a model the run named itself (defaultModel would not apply)", async () => {
    const ledger = createLedger({ unknownModel: "refuse" });
    const handler = new LedgerCallbackHandler(ledger, { defaultModel: "gpt-4o" });
    const model = openAiModel({ model: "gpt-9o-house" });
    const error = await refusal(() => model.invoke("hello", { callbacks: [handler] }));
    expect(error.message).not.toContain("defaultModel");
    expect(error.message).toContain('Add a price with prices: { "openai:gpt-9o-house"');
  });
});

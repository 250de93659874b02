/**
 * LangChain prints every error a callback handler throws through `console.error`, including
 * the `BudgetExceededError` that `LedgerCallbackHandler` throws on purpose to refuse a call
 * (`Error in handler LedgerCallbackHandler, handleLLMStart: BudgetExceededError: …`). The demo
 * reports refusals itself, so it drops exactly those lines; every other line goes through.
 */
export function quietLangChainRefusals(): () => void {
  const original = console.error;
  console.error = (...args: unknown[]): void => {
    const [first] = args;
    const refusal =
      typeof first === "string" &&
      first.startsWith("Error in handler LedgerCallbackHandler") &&
      first.includes("BudgetExceededError");
    if (!refusal) original(...args);
  };
  return () => {
    console.error = original;
  };
}

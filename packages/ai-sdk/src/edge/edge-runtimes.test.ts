import { EdgeRuntime } from "edge-runtime";
import { Miniflare } from "miniflare";
import { describe, expect, it } from "vitest";
import type { BudgetScenarioResult } from "./budget-scenario.js";
import { bundleScenario } from "./bundle-scenario.js";

/**
 * The AI SDK middleware with a budget, run inside the real runtimes an app deploys to (not
 * Node): Vercel's edge-runtime (the Edge Functions VM) and Cloudflare's workerd through
 * miniflare (a local binary from npm; nothing is downloaded when the test runs). Expected
 * numbers, by hand: 100 input × 2,000 + 50 output × 8,000 nano-USD = 600,000 nano-USD; the
 * second call's hold does not fit the $0.001 (1,000,000 nano-USD) budget.
 */
const expected: BudgetScenarioResult = {
  firstText: "Hi there",
  records: [
    {
      model: "big",
      usage: { inputTokens: 100, outputTokens: 50 },
      costNanoUsd: 600_000,
      status: "ok",
    },
  ],
  secondError: { name: "BudgetExceededError", isBudgetExceeded: true },
  providerCalls: 1,
  handedToWaitUntil: 1,
};

describe("the middleware with a budget inside edge runtimes", () => {
  it("runs in Vercel's edge-runtime: the second call is refused, the first recorded", async () => {
    const code = await bundleScenario("edge-runtime", "iife");
    const runtime = new EdgeRuntime({ initialCode: code });
    const result: unknown = await runtime.evaluate(
      "globalThis.scenario.runBudgetScenario().then((result) => JSON.stringify(result))",
    );
    expect(JSON.parse(String(result))).toEqual(expected);
  });

  it.each([
    ["without nodejs_compat", []],
    ["with nodejs_compat", ["nodejs_compat"]],
  ])("runs in Cloudflare's workerd (%s)", async (_name, compatibilityFlags) => {
    const script = await bundleScenario("workerd", "esm");
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2025-09-01",
      compatibilityFlags,
    });
    try {
      const response = await miniflare.dispatchFetch("http://localhost/");
      expect(await response.json()).toEqual(expected);
    } finally {
      await miniflare.dispose();
    }
  });
});

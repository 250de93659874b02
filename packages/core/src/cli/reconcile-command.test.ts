import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCostReportServer } from "../reconcile/__fixtures__/cost-report-server.js";
import { usageRecord } from "../reconcile/__fixtures__/usage-record.js";
import { ReconcileMismatchError } from "../reconcile/reconcile-mismatch-error.js";
import { memoryStore } from "../store/memory-store.js";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { reconcileCommand } from "./reconcile-command.js";
import { runCli } from "./run-cli.js";

// One page of OpenAI's documented Costs response (see reconcile/read-openai-costs.test.ts).
const DAY_21 = Date.parse("2026-11-21T00:00:00Z") / 1000;
const KEY = "sk-admin-cli";
const PAGES = {
  first: {
    object: "page",
    data: [
      {
        object: "bucket",
        start_time: DAY_21,
        end_time: DAY_21 + 86_400,
        results: [
          {
            object: "organization.costs.result",
            amount: { value: 1.3, currency: "usd" },
            line_item: "gpt-4o-2024-08-06, input",
            project_id: "proj_a",
          },
          {
            object: "organization.costs.result",
            amount: { value: 0.2, currency: "usd" },
            line_item: "gpt-4o-mini-2024-07-18, input",
            project_id: "proj_a",
          },
        ],
      },
    ],
    has_more: false,
    next_page: null,
  },
};
let server: Awaited<ReturnType<typeof startCostReportServer>>;

beforeAll(async () => {
  server = await startCostReportServer({
    path: "/v1/organization/costs",
    pages: PAGES,
    authorized: (headers) => headers.authorization === `Bearer ${KEY}`,
  });
});
afterAll(() => server.close());

const FROM_MS = Date.parse("2026-11-21T00:00:00Z");
const TO_MS = Date.parse("2026-11-22T00:00:00Z");

describe("tokenledger reconcile", () => {
  it("prints only the rows beyond the tolerance, with the likely cause, and fails for CI", async () => {
    const store = memoryStore();
    await store.append([
      usageRecord({
        time: "2026-11-21T09:00:00Z",
        model: "gpt-4o",
        costNanoUsd: 1_000_000_000,
        estimated: true,
      }),
      usageRecord({ time: "2026-11-21T10:00:00Z", model: "gpt-4o-mini", costNanoUsd: 200_000_000 }),
    ]);
    const io = bufferIo({ cwd: "/", env: { OPENAI_ADMIN_KEY: KEY } });
    const error = await reconcileCommand(
      { provider: "openai", from: FROM_MS, to: TO_MS, baseUrl: server.url },
      io,
      store,
    ).catch((caught: unknown) => caught);
    expect(ReconcileMismatchError.isInstance(error)).toBe(true);
    // gpt-4o: ledger $1.00 (estimated), OpenAI $1.30, +$0.30; gpt-4o-mini equal, not shown.
    expect(io.out()).toContain("Ledger $1.2000 · openai $1.5000 (2 day × model rows)");
    expect(io.out()).toMatch(
      /2026-11-21 +gpt-4o +\$1\.0000 +\$1\.3000 +\+\$0\.3000 +1 +estimated records/,
    );
    expect(io.out()).not.toContain("gpt-4o-mini");
    expect(io.out()).not.toContain(KEY);

    const wide = bufferIo({ cwd: "/", env: { OPENAI_ADMIN_KEY: KEY } });
    await reconcileCommand(
      {
        provider: "openai",
        from: FROM_MS,
        to: TO_MS,
        baseUrl: server.url,
        tolerance: 300_000_000,
        json: true,
      },
      wide,
      store,
    );
    const json = JSON.parse(wide.out()) as {
      differences: number;
      rows: { differenceNanoUsd: number }[];
    };
    expect(json.differences).toBe(0);
    expect(json.rows.map((row) => row.differenceNanoUsd)).toEqual([300_000_000, 0]);
  });

  it("is registered: exit 1 on differences, 0 when everything matches, 2 on a bad flag", async () => {
    const io = bufferIo({ cwd: "/", env: { OPENAI_ADMIN_KEY: KEY } });
    const args = ["reconcile", "--store", "memory", "--from", "2026-11-21", "--to", "2026-11-22"];
    // An empty ledger: both OpenAI rows are calls outside the ledger.
    expect(await runCli([...args, "--provider", "openai", "--base-url", server.url], io)).toBe(1);
    expect(io.out()).toMatch(
      /gpt-4o-mini +\$0\.0000 +\$0\.2000 +\+\$0\.2000 +0 +calls outside the ledger/,
    );
    expect(io.err()).toContain("error: 2 difference(s) beyond $0.0100 per row");

    const quiet = bufferIo({ cwd: "/" });
    expect(await runCli([...args, "--provider", "reported"], quiet)).toBe(0);
    expect(quiet.out()).toContain("Every row is within $0.0100.");

    const bad = bufferIo({ cwd: "/" });
    expect(await runCli([...args, "--provider", "mistral"], bad)).toBe(2);
    expect(bad.err()).toContain("Use openai, anthropic, or reported");
    expect(await runCli([...args, "--provider", "openai", "--tolerance", "cheap"], bad)).toBe(2);
  });
});

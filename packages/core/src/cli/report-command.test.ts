import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BudgetRule } from "../budget/budget-rule.js";
import { createLedger } from "../ledger/create-ledger.js";
import { memoryStore } from "../store/memory-store.js";
import { postgresStore } from "../store/postgres/index.js";
import type { BudgetStore } from "../store/store.js";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { reportCommand } from "./report-command.js";
import { runCli } from "./run-cli.js";

const PRICES = {
  "acme:big": { inputMtok: 3, outputMtok: 15 },
  "acme:small": { inputMtok: 1, outputMtok: 2 },
};
const BUDGETS: BudgetRule[] = [
  { id: "user-daily", scope: "userId", window: "day", limit: { usd: 0.1 } },
];
const NOW = "2026-11-22T12:00:00.000Z";

const directory = mkdtempSync(join(tmpdir(), "tokenledger-report-cli-"));
const ledgerDir = join(directory, ".tokenledger", "ledger");

/**
 * The workload, by hand (USD per 1M tokens: big $3 in / $15 out, small $1 / $2):
 * - alice, chat, big: 10,000 in + 1,000 out = $0.030 + $0.015 = $0.045 (2026-11-21 and 2026-11-22: ×2 = $0.090)
 * - bob, summarize, small: 20,000 in + 5,000 out = $0.020 + $0.010 = $0.030 (2026-11-22)
 * Total $0.120 over 3 calls.
 */
async function seed(store: BudgetStore): Promise<void> {
  let nowMs = Date.parse("2026-11-21T09:00:00.000Z");
  const ledger = createLedger({ store, prices: PRICES, budgets: BUDGETS, now: () => nowMs });
  const alice = {
    model: "acme:big",
    usage: { inputTokens: 10_000, outputTokens: 1000 },
    context: { userId: "alice", feature: "chat" },
  };
  await ledger.record(alice);
  nowMs = Date.parse("2026-11-22T09:00:00.000Z");
  await ledger.record(alice);
  nowMs = Date.parse("2026-11-22T10:00:00.000Z");
  await ledger.record({
    model: "acme:small",
    usage: { inputTokens: 20_000, outputTokens: 5000 },
    context: { userId: "bob", feature: "summarize" },
  });
  // Writes that took longer than storeTimeoutMs (the schema is created on first use, slow on a
  // loaded machine) wait in the ledger's buffer: close() writes them before the database closes.
  expect(await ledger.close()).toEqual({ unwritten: [] });
}

beforeAll(async () => {
  mkdirSync(ledgerDir, { recursive: true });
  const db = new PGlite(ledgerDir);
  const store = postgresStore({ client: db });
  await store.migrate();
  await seed(store);
  await db.close();
  writeFileSync(
    join(directory, ".tokenledger", "budgets.json"),
    JSON.stringify({ budgets: BUDGETS }),
  );
  writeFileSync(join(directory, "prices.json"), JSON.stringify(PRICES));
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = bufferIo({ cwd: directory, nowIso: NOW });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tokenledger report", () => {
  it("reads the local PGlite ledger by default and groups --by keys", async () => {
    const { code, out, err } = await run("report", "--by", "user,model");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.split("\n")).toEqual([
      "Spend by user × model",
      "",
      "user   model       calls  input tok  cached  output tok     cost   share",
      "─────  ──────────  ─────  ─────────  ──────  ──────────  ───────  ──────",
      "alice  acme:big        2     20,000       0       2,000  $0.0900   75.0%",
      "bob    acme:small      1     20,000       0       5,000  $0.0300   25.0%",
      "─────  ──────────  ─────  ─────────  ──────  ──────────  ───────  ──────",
      "total                  3     40,000       0       7,000  $0.1200  100.0%",
      "",
    ]);
  }, 120_000);

  it("filters by time and context, and prints JSON rows", async () => {
    const { out } = await run(
      "report",
      "--by",
      "day",
      "--from",
      "2026-11-22",
      "--where",
      "user=alice",
      "--json",
    );
    const rows = JSON.parse(out) as { group: Record<string, string>; costNanoUsd: number }[];
    // Only alice's call of 2026-11-22: $0.045 = 45,000,000 nano-USD.
    expect(rows.map((row) => [row.group.day, row.costNanoUsd])).toEqual([
      ["2026-11-22", 45_000_000],
    ]);
  }, 120_000);

  it("prints the full report with budgets from .tokenledger/budgets.json", async () => {
    const { code, out } = await run("report", "--prices", "prices.json");
    expect(code).toBe(0);
    expect(out).toContain("$0.1200 over 3 calls");
    expect(out).toContain("Spend by feature");
    // alice today: $0.045 of $0.10 (45.0%); bob $0.030 (30.0%).
    expect(out).toMatch(
      /user-daily\s+userId=alice\s+day:2026-11-22\s+\$0\.0450 \/ \$0\.1000\s+45\.0%/,
    );
    expect(out).toMatch(
      /user-daily\s+userId=bob\s+day:2026-11-22\s+\$0\.0300 \/ \$0\.1000\s+30\.0%/,
    );
  }, 120_000);

  it("writes one HTML file with --html", async () => {
    const { code, out } = await run("report", "--html", "--out", "out/report.html");
    expect(code).toBe(2); // the directory "out" does not exist
    expect(out).toBe("");
    mkdirSync(join(directory, "out"));
    const second = await run(
      "report",
      "--html",
      "--out",
      "out/report.html",
      "--prices",
      "prices.json",
    );
    expect(second.code).toBe(0);
    expect(second.out).toContain(`Wrote ${join(directory, "out", "report.html")}`);
    const html = readFileSync(join(directory, "out", "report.html"), "utf8");
    expect(html).toContain('data-chart="timeline"');
    expect(html).toContain("$0.1200 spent");
  }, 120_000);

  it("works on any store passed in (the memory store)", async () => {
    const store = memoryStore();
    await seed(store);
    const io = bufferIo({ cwd: directory, nowIso: NOW });
    await reportCommand({ by: ["feature"] }, io, store);
    expect(io.out()).toMatch(/chat\s+2\s+20,000\s+0\s+2,000\s+\$0\.0900\s+75\.0%/);
  });

  it("names models with their provider so two providers' same id never merge", async () => {
    const store = memoryStore();
    const ledger = createLedger({
      store,
      prices: {
        "acme:shared": { inputMtok: 1, outputMtok: 2 },
        "zeta:shared": { inputMtok: 4, outputMtok: 8 },
      },
      now: () => Date.parse("2026-11-22T09:00:00.000Z"),
    });
    const usage = { inputTokens: 1_000_000, outputTokens: 0 };
    await ledger.record({ model: "shared", provider: "acme", usage });
    await ledger.record({ model: "shared", provider: "zeta", usage });
    await ledger.record({ model: "shared", provider: "zeta", usage });
    const io = bufferIo({ cwd: directory, nowIso: NOW });
    await reportCommand({ by: ["model"], json: true }, io, store);
    // 1M input tokens: acme $1 = 1e9 nano-USD once; zeta $4 = 4e9 twice = 8e9.
    const rows = JSON.parse(io.out()) as {
      group: Record<string, string>;
      costNanoUsd: number;
      requests: number;
    }[];
    expect(rows.map((row) => [row.group, row.requests, row.costNanoUsd])).toEqual([
      [{ model: "zeta:shared" }, 2, 8_000_000_000],
      [{ model: "acme:shared" }, 1, 1_000_000_000],
    ]);
    // Grouped by provider too, the user's columns stay as asked.
    const both = bufferIo({ cwd: directory, nowIso: NOW });
    await reportCommand({ by: ["provider", "model"], json: true }, both, store);
    const grouped = JSON.parse(both.out()) as { group: Record<string, string> }[];
    expect(grouped.map((row) => row.group)).toEqual([
      { provider: "zeta", model: "shared" },
      { provider: "acme", model: "shared" },
    ]);
  });

  it("explains bad flags, paths and files in one line with exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["report", "--store", "no/such/dir"],
        /^error: No ledger at "no\/such\/dir" \(the directory does not exist\)/,
      ],
      [["report", "--store", "ftp://host/x"], /^error: Unsupported store URL "ftp:\/\/host\/x"/],
      [
        ["report", "--from", "last tuesday"],
        /argument 'last tuesday' is invalid\. Use an ISO date/,
      ],
      [["report", "--where", "alice"], /Use key=value/],
      [["report", "--html", "--by", "model"], /^error: --html draws the whole report; drop --by/],
      [
        ["report", "--budgets", "missing.json"],
        /^error: Cannot read budgets file "missing.json": no such file/,
      ],
      [["report", "--colour"], /unknown option '--colour'/],
      [["reprot"], /unknown command 'reprot'/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(err, argv.join(" ")).toMatch(message);
    }
    writeFileSync(
      join(directory, "bad-budgets.json"),
      JSON.stringify([{ id: "x", scope: "userId", window: "fortnight", limit: { usd: 1 } }]),
    );
    const badRules = await run("report", "--budgets", "bad-budgets.json");
    expect(badRules.code).toBe(2);
    expect(badRules.err).toMatch(/^error: .*window/);
    expect(existsSync(join(directory, "tokenledger-report.html"))).toBe(false);
  }, 120_000);
});

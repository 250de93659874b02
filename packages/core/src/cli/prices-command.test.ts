import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { runCli } from "./run-cli.js";

const directory = mkdtempSync(join(tmpdir(), "tokenledger-prices-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = bufferIo({ cwd: directory });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tokenledger prices", () => {
  it("shows a model's prices per kind and their source", async () => {
    const { code, out } = await run("prices", "openai/gpt-4o");
    expect(code).toBe(0);
    expect(out).toContain('openai:gpt-4o  (resolved from "openai/gpt-4o")');
    expect(out).toMatch(/source\s+genai-prices@\w+/);
    expect(out).toMatch(/input\s+\$2\.50\s+per 1M tokens/);
    expect(out).toMatch(/cache read\s+\$1\.25\s+per 1M tokens/);
    expect(out).toMatch(/output\s+\$10\.00\s+per 1M tokens/);
  });

  it("lists context tiers and price history, marking the price in effect", async () => {
    const tiers = await run("prices", "claude-sonnet-4-5");
    expect(tiers.out).toMatch(
      /input\s+\$3\.00\s+per 1M tokens\s+\$6\.00 above 200,000 input tokens/,
    );
    // o3: $10/$40 until OpenAI's cut to $2/$8 on 2025-06-10.
    const before = await run("prices", "o3", "--at", "2025-05-01", "--json");
    const entries = JSON.parse(before.out).entries as { condition: string; current: boolean }[];
    expect(entries.map((entry) => [entry.condition, entry.current])).toEqual([
      ["before 2025-06-10", true],
      ["from 2025-06-10", false],
    ]);
    const after = await run("prices", "o3", "--at", "2025-07-01");
    expect(after.out).toContain("from 2025-06-10  ← in effect");
  });

  it("shows your own prices from --prices", async () => {
    writeFileSync(
      join(directory, "prices.json"),
      JSON.stringify({ prices: { "acme:m1": { inputMtok: 0.5, outputMtok: 1.5 } } }),
    );
    const { code, out } = await run("prices", "acme:m1", "--prices", "prices.json");
    expect(code).toBe(0);
    expect(out).toMatch(/source\s+your prices file/);
    expect(out).toMatch(/input\s+\$0\.50/);
    expect(out).toMatch(/output\s+\$1\.50/);
    writeFileSync(
      join(directory, "bad-prices.json"),
      JSON.stringify({ "acme:m1": { inputMtok: -1, outputMtok: 1 } }),
    );
    const bad = await run("prices", "acme:m1", "--prices", "bad-prices.json");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: .*acme:m1.*inputMtok/);
  });

  it("exits 1 with suggestions for an unknown model", async () => {
    const { code, err } = await run("prices", "claude-sonet-4-5");
    expect(code).toBe(1);
    expect(err).toMatch(
      /^error: Unknown model "claude-sonet-4-5"\. Closest known: .*claude-sonnet-4-5/,
    );
  });
});

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

function runBin(...argv: string[]) {
  // The source condition, like `pnpm tokenledger`: package imports (#default-tokenizer) resolve to src.
  const result = spawnSync(
    process.execPath,
    [tsxCli, "--conditions=@tokenledger/source", entry, ...argv],
    {
      encoding: "utf8",
      env: { ...process.env, TOKENLEDGER_STORE: "" },
      timeout: 60_000,
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("the tokenledger bin", () => {
  it("runs as a process: prints and exits 0, or explains and exits 2", () => {
    const prices = runBin("prices", "gpt-4o");
    expect(prices.err).toBe("");
    expect(prices.code).toBe(0);
    expect(prices.out).toMatch(/input\s+\$2\.50\s+per 1M tokens/);

    const bad = runBin("report", "--store", "/no/such/ledger");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: No ledger at "\/no\/such\/ledger"/);
  }, 90_000);
});

describe("the published bin", () => {
  it("is a file in the repository, so a fresh install links it without a warning", async () => {
    const { readFile, access } = await import("node:fs/promises");
    const packageJson = JSON.parse(
      await readFile(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { bin: Record<string, string> };
    const bin = packageJson.bin.tokenledger ?? "";
    expect(bin).not.toMatch(/dist\//);
    await expect(access(new URL(`../../${bin}`, import.meta.url))).resolves.toBeUndefined();
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { runCli } from "./run-cli.js";

const directory = mkdtempSync(join(tmpdir(), "tokenledger-prices-update-"));
let server: Server;
let body = "";
let url = "";

// genai-prices v2 shape. gpt-4o input moved from the bundled $2.50 to $2.00 per 1M tokens
// (a made-up change, to be reported); output stays $10.
const data = [
  {
    id: "openai",
    name: "OpenAI",
    models: [
      { id: "gpt-4o", match: { equals: "gpt-4o" }, prices: { input_mtok: 2, output_mtok: 10 } },
    ],
  },
];

beforeAll(async () => {
  server = createServer((_request, response) => response.end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const io = bufferIo({ cwd: directory });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tokenledger prices update | status", () => {
  it("status without a snapshot names the bundled copy", async () => {
    const { code, out } = await run("prices", "status");
    expect(code).toBe(0);
    expect(out).toMatch(/bundled: genai-prices@\w+/);
    expect(out).toContain("in use: the bundled copy");
  });

  it("update writes a checked snapshot; status shows its source, age and changes", async () => {
    body = JSON.stringify(data);
    const update = await run("prices", "update", "--url", url, "--out", "snap.json");
    expect(update.code).toBe(0);
    expect(update.out).toContain("wrote snap.json: 1 models");
    const written = JSON.parse(readFileSync(join(directory, "snap.json"), "utf8"));
    expect(written).toMatchObject({ tokenledgerPrices: 1, url, data });
    const status = await run("prices", "status", "--file", "snap.json");
    expect(status.out).toContain(`in use: snap.json, fetched`);
    expect(status.out).toContain(url);
    expect(status.out).toContain("openai:gpt-4o input: $2.50 → $2.00 per 1M tokens");
  });

  it("update and status print JSON with --json", async () => {
    body = JSON.stringify(data);
    const update = await run("prices", "update", "--url", url, "--out", "snap2.json", "--json");
    expect(update.code).toBe(0);
    // gpt-4o input: bundled $2.50/M = 2,500,000,000 nano-USD per 1M → $2.00/M = 2,000,000,000.
    expect(JSON.parse(update.out)).toMatchObject({
      file: join(directory, "snap2.json"),
      url,
      models: 1,
      changes: {
        changed: [
          { key: "openai:gpt-4o", kind: "input", before: 2_500_000_000, after: 2_000_000_000 },
        ],
      },
    });
    const status = await run("prices", "status", "--file", "snap2.json", "--json");
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.out) as {
      bundled: { source: string };
      inUse: { file: string; url: string; models: number };
    };
    expect(parsed.bundled.source).toMatch(/^genai-prices@\w+/);
    expect(parsed.inUse).toMatchObject({ file: join(directory, "snap2.json"), url, models: 1 });
    const none = await run("prices", "status", "--file", "none.json", "--json");
    expect(JSON.parse(none.out)).toMatchObject({ inUse: "bundled" });
  });

  it("update refuses hostile data and writes nothing", async () => {
    body = JSON.stringify([
      {
        ...data[0],
        models: [{ ...data[0]?.models[0], prices: { input_mtok: 2500, output_mtok: 10 } }],
      },
    ]);
    const update = await run("prices", "update", "--url", url, "--out", "hostile.json");
    expect(update.code).not.toBe(0);
    expect(update.err).toMatch(/price-jump/);
    expect(() => readFileSync(join(directory, "hostile.json"))).toThrow();
  });

  it("still shows a model's prices", async () => {
    const { code, out } = await run("prices", "gpt-4o");
    expect(code).toBe(0);
    expect(out).toMatch(/input\s+\$2\.50\s+per 1M tokens/);
  });
});

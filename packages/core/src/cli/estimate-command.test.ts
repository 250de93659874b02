import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { runCli } from "./run-cli.js";

const directory = mkdtempSync(join(tmpdir(), "tokenledger-estimate-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

writeFileSync(join(directory, "hello.txt"), "Hello world");
writeFileSync(
  join(directory, "chat.json"),
  JSON.stringify([{ role: "user", content: "Hello world" }]),
);
writeFileSync(
  join(directory, "request.json"),
  JSON.stringify({
    model: "x",
    messages: [{ role: "user", content: "Hello world" }],
    max_tokens: 300,
  }),
);
writeFileSync(join(directory, "broken.json"), "[{ oops");

async function run(...argv: string[]) {
  const io = bufferIo({ cwd: directory });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tokenledger estimate", () => {
  it("counts a text file and prices its worst case", async () => {
    const { code, out } = await run(
      "estimate",
      "hello.txt",
      "--model",
      "gpt-4o",
      "--max-output",
      "100",
      "--json",
    );
    expect(code).toBe(0);
    // o200k: "Hello world" = 2 tokens (plain text, no chat overhead).
    // gpt-4o: 2 × $2.50/M + 100 × $10/M = 5,000 + 1,000,000 = 1,005,000 nano-USD.
    expect(JSON.parse(out)).toMatchObject({
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 2,
      outputTokens: 100,
      outputTokensSource: "--max-output",
      worstCaseCostNanoUsd: 1_005_000,
    });
  });

  it("reads messages and request bodies, taking max_tokens from the body", async () => {
    const chat = await run("estimate", "chat.json", "-m", "gpt-4o", "--max-output", "10", "--json");
    // 3 per message + "user" 1 + "Hello world" 2 + 3 reply priming = 9.
    expect(JSON.parse(chat.out)).toMatchObject({ inputTokens: 9, outputTokens: 10 });
    const request = await run("estimate", "request.json", "-m", "gpt-4o");
    expect(request.code).toBe(0);
    // 9 × $2.50/M + 300 × $10/M = 22,500 + 3,000,000 = 3,022,500 nano-USD → $0.0030.
    expect(request.out).toContain("request.json (1 message) → openai:gpt-4o");
    expect(request.out).toMatch(/max output tokens\s+300\s+the file's max tokens/);
    expect(request.out).toMatch(/worst-case cost\s+\$0\.0030/);
  });

  it("fails with one readable line and exit code 2 on bad input", async () => {
    const missing = await run("estimate", "nope.txt", "-m", "gpt-4o");
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'error: Cannot read prompt file "nope.txt": no such file. Pass a text file, or a JSON file holding an array of messages ([{ "role": "user", "content": "…" }]) or a request body ({ "messages": [...], "tools": [...] }).\n',
    );
    const broken = await run("estimate", "broken.json", "-m", "gpt-4o");
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^error: Prompt file "broken.json" is not valid JSON/);
    const noModel = await run("estimate", "hello.txt");
    expect(noModel.code).toBe(2);
    expect(noModel.err).toContain("required option '-m, --model <id>' not specified");
    const badMax = await run("estimate", "hello.txt", "-m", "gpt-4o", "--max-output", "-5");
    expect(badMax.code).toBe(2);
    expect(badMax.err).toContain("Must be a whole number greater than 0.");
  });

  it("exits 1 for an unknown model, with suggestions", async () => {
    const { code, err } = await run("estimate", "hello.txt", "-m", "gpt-9o");
    expect(code).toBe(1);
    expect(err).toMatch(/^error: Unknown model "gpt-9o"\. Closest known: gpt-4o/);
    // The fix is the CLI's flag, not a code option.
    expect(err).toMatch(
      /Write its price to a JSON file, USD per 1M tokens \(\{ "gpt-9o": \{ "inputMtok": …, "outputMtok": … \} \}\), and pass --prices <file>\.\n$/,
    );
    expect(err).not.toContain("unknownModel");
    expect(err).not.toContain("prices: {");
  });

  it("names --prices with the provider-qualified key when a provider is given", async () => {
    const { code, err } = await run(
      "estimate",
      "hello.txt",
      "-m",
      "house-model",
      "--provider",
      "acme",
    );
    expect(code).toBe(1);
    expect(err).toContain('{ "acme:house-model": { "inputMtok"');
    expect(err).toContain("pass --prices <file>");
  });
});

describe("tokenledger estimate - (standard input)", () => {
  async function runStdin(stdin: string, ...argv: string[]) {
    const io = bufferIo({ cwd: directory, stdin });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it("reads plain text from stdin", async () => {
    const { code, out } = await runStdin(
      "Hello world",
      "estimate",
      "-",
      "-m",
      "gpt-4o",
      "--max-output",
      "100",
    );
    expect(code).toBe(0);
    // Same as hello.txt: 2 × $2.50/M + 100 × $10/M = 1,005,000 nano-USD → $0.0010.
    expect(out).toContain("stdin (plain text) → openai:gpt-4o");
    expect(out).toMatch(/input tokens\s+2\s/);
  });

  it("reads a JSON request body from stdin", async () => {
    const body = JSON.stringify({
      messages: [{ role: "user", content: "Hello world" }],
      max_tokens: 300,
    });
    const { code, out } = await runStdin(body, "estimate", "-", "-m", "gpt-4o", "--json");
    expect(code).toBe(0);
    // 9 input tokens (see chat.json above) + 300 output: 22,500 + 3,000,000 = 3,022,500 nano-USD.
    expect(JSON.parse(out)).toMatchObject({
      file: "-",
      inputTokens: 9,
      outputTokens: 300,
      worstCaseCostNanoUsd: 3_022_500,
    });
  });

  it("fails with exit code 2 and the fix when stdin is empty", async () => {
    const empty = await runStdin("  \n", "estimate", "-", "-m", "gpt-4o");
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(
      /^error: Standard input is empty\. Pipe a prompt in \(cat prompt\.txt \| tokenledger estimate - --model gpt-4o\)/,
    );
  });
});

/**
 * Token estimation: our estimateTokens (gpt-tokenizer, split guard, content cache) against
 * js-tiktoken on the same text in the same run. Goals from research/performance.md; G4 (issue
 * 20): 10× the input costs ≤ 12× the time on every input family.
 */
import { clearTokenCache, estimateTokens } from "@tokenledger/core";
import { clearMergeCache } from "gpt-tokenizer/encoding/o200k_base";
import { getEncoding } from "js-tiktoken";
import { buildCorpus } from "./corpus.js";
import { collectGarbage } from "./lib/gc.js";
import { linearScaling } from "./lib/linear-scaling.js";
import { createRandom } from "./lib/random.js";
import { markdownTable, median, nowMs, pairedRatios } from "./lib/stats.js";
import { hanCharacters } from "./lib/synthetic-text.js";
import { measureFirstCount, measureMainImport } from "./lib/tokenizer-processes.js";
import type { BenchContext, BenchResult, Figure } from "./lib/types.js";

const model = "gpt-4o"; // o200k_base, exact: no correction factor

interface Pass {
  ms: number;
  tokens: number;
}

async function oursPass(texts: readonly string[]): Promise<Pass> {
  clearTokenCache(); // every text is new to the cache: no free hits across rounds
  collectGarbage();
  const started = nowMs();
  let tokens = 0;
  for (const text of texts) tokens += (await estimateTokens(text, { model })).inputTokens;
  return { ms: nowMs() - started, tokens };
}

function baselinePass(encode: (text: string) => number[], texts: readonly string[]): Pass {
  collectGarbage();
  const started = nowMs();
  let tokens = 0;
  for (const text of texts) tokens += encode(text).length;
  return { ms: nowMs() - started, tokens };
}

/** Paired rounds (order alternates), after one warm-up round. */
async function throughput(
  id: string,
  name: string,
  texts: readonly string[],
  encode: (text: string) => number[],
  rounds: number,
  target: number,
): Promise<Figure> {
  const ours: Pass[] = [];
  const baseline: Pass[] = [];
  for (let round = -1; round < rounds; round++) {
    let pair: [Pass, Pass];
    if (round % 2 === 0) {
      const first = await oursPass(texts);
      pair = [first, baselinePass(encode, texts)];
    } else {
      const second = baselinePass(encode, texts);
      pair = [await oursPass(texts), second];
    }
    if (round >= 0) {
      ours.push(pair[0]);
      baseline.push(pair[1]);
    }
  }
  const ratios = pairedRatios(
    baseline.map((pass) => pass.ms),
    ours.map((pass) => pass.ms),
  );
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const mibPerS = (pass: Pass): number => bytes / 1_048_576 / (pass.ms / 1000);
  return {
    id,
    name,
    value: median(ratios),
    unit: "×",
    goal: { op: ">=", target },
    details: {
      rounds,
      perRoundRatios: ratios,
      texts: texts.length,
      bytes,
      medianMs: {
        ours: median(ours.map((pass) => pass.ms)),
        jsTiktoken: median(baseline.map((pass) => pass.ms)),
      },
      medianMiBPerSecond: {
        ours: median(ours.map(mibPerS)),
        jsTiktoken: median(baseline.map(mibPerS)),
      },
      microsecondsPerText: { ours: (median(ours.map((pass) => pass.ms)) * 1000) / texts.length },
      tokens: { ours: ours[0]?.tokens, jsTiktoken: baseline[0]?.tokens },
    },
  };
}

function adversarialInputs(prose: string, length: number): Record<string, string> {
  const random = createRandom(7);
  const hanPool = hanCharacters();
  let han = "";
  while (han.length < length) han += random.pick(hanPool);
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = random.int(256);
  return {
    prose: prose.slice(0, length),
    "Han run (no punctuation)": han.slice(0, length),
    '"a" repeated': "a".repeat(length),
    base64: bytes.toString("base64").slice(0, length),
  };
}

/** T6: time to count one 32k-char string, merge cache and our cache cold, median of reps. */
async function worstCase(prose: string, reps: number): Promise<{ figure: Figure; table: string }> {
  const inputs = adversarialInputs(prose, 32_000);
  const medians: Record<string, number> = {};
  const tokens: Record<string, number> = {};
  for (const [name, text] of Object.entries(inputs)) {
    const times: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      clearTokenCache();
      clearMergeCache();
      collectGarbage();
      const started = nowMs();
      tokens[name] = (await estimateTokens(text, { model })).inputTokens;
      times.push(nowMs() - started);
    }
    medians[name] = median(times);
  }
  const proseMs = medians.prose as number;
  const adversarial = Object.entries(medians).filter(([name]) => name !== "prose");
  const [slowestName, slowestMs] = adversarial.reduce((worst, entry) =>
    entry[1] > worst[1] ? entry : worst,
  );
  const figure: Figure = {
    id: "T6",
    name: `slowest 32k-char adversarial string (${slowestName}) ÷ 32k chars of prose`,
    value: slowestMs / proseMs,
    unit: "×",
    goal: { op: "<=", target: 50 },
    details: { reps, medianMs: medians, tokens },
  };
  const table = markdownTable(
    ["T6 input (32,000 chars, caches cold)", "median ms", "× prose", "tokens"],
    Object.entries(medians).map(([name, ms]) => [name, ms, ms / proseMs, tokens[name]]),
  );
  return { figure, table };
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const rounds = context.quick ? 3 : 7;
  context.log("building corpus…");
  const corpus = buildCorpus(context.rootDir);
  const documents = corpus.documents.map((document) => document.text);
  const encoder = getEncoding("o200k_base");
  const encode = (text: string): number[] => encoder.encode(text);
  await estimateTokens("warm up", { model });

  context.log("T2a corpus throughput…");
  const t2a = await throughput(
    "T2a",
    "estimateTokens ÷ js-tiktoken encode, 1 MiB corpus (per document, our cache cleared each round)",
    documents,
    encode,
    rounds,
    8,
  );
  context.log("T2b chat throughput…");
  const t2b = await throughput(
    "T2b",
    "estimateTokens ÷ js-tiktoken encode, 5,000 ~200-char chat messages (cache cleared each round)",
    corpus.chat,
    encode,
    rounds,
    12,
  );
  context.log("T6 worst cases…");
  const prose = corpus.documents
    .filter((document) => document.kind === "prose")
    .map((document) => document.text)
    .join("\n");
  const t6 = await worstCase(prose, context.quick ? 2 : 5);
  context.log("G4 linear scaling per input family…");
  const g4 = await linearScaling(context.quick ? 3 : 5);
  context.log("T4 first count in fresh processes…");
  const t4 = await measureFirstCount(context);
  context.log("T5 importing core's main entry…");
  const t5 = await measureMainImport(context);

  const figures = [t2a, t2b, t4.figure, ...t5.figures, t6.figure, ...g4.figures];
  const throughputTable = markdownTable(
    [
      `T2 (median of ${rounds} paired rounds)`,
      "ours ms",
      "js-tiktoken ms",
      "ours MiB/s",
      "tokens ours / js-tiktoken",
    ],
    [t2a, t2b].map((figure) => {
      const details = figure.details as {
        medianMs: { ours: number; jsTiktoken: number };
        medianMiBPerSecond: { ours: number; jsTiktoken: number };
        tokens: { ours: number; jsTiktoken: number };
      };
      return [
        figure.id,
        details.medianMs.ours,
        details.medianMs.jsTiktoken,
        details.medianMiBPerSecond.ours,
        `${details.tokens.ours} / ${details.tokens.jsTiktoken}`,
      ];
    }),
  );
  return {
    figures,
    tables: [throughputTable, t6.table, g4.table, t4.table, t5.table],
    meta: {
      corpus: {
        documents: corpus.documents.length,
        bytes: corpus.bytes,
        sha256: corpus.sha256,
        chatMessages: corpus.chat.length,
      },
    },
  };
}

import { bundleCoreEntry } from "./bundle-core.js";
import { runChild } from "./child.js";
import { markdownTable, median, pairedRatios } from "./stats.js";
import type { BenchContext, Figure } from "./types.js";

/** Modules that hold or load BPE rank tables. */
const rankModulePattern = /gpt-tokenizer|js-tiktoken|bpeRanks/;

async function rotated<T>(round: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  for (let step = 0; step < tasks.length; step++) {
    const index = (round + step) % tasks.length;
    results[index] = await (tasks[index] as () => Promise<T>)();
  }
  return results;
}

/**
 * T4: process start → first count, fresh `node` per sample: our tokenize entry (bundled like
 * the published dist) vs js-tiktoken's package-root `getEncoding("o200k_base")`.
 */
export async function measureFirstCount(
  context: BenchContext,
): Promise<{ figure: Figure; table: string }> {
  const bundle = await bundleCoreEntry(
    context.rootDir,
    context.benchDir,
    "tokenize",
    "packages/core/src/tokenize/index.ts",
  );
  const rounds = context.quick ? 3 : 9;
  const samples = {
    bare: [] as number[],
    ours: [] as number[],
    jsTiktoken: [] as number[],
    oursRss: [] as number[],
    jsTiktokenRss: [] as number[],
  };
  for (let round = -1; round < rounds; round++) {
    const [bare, ours, jsTiktoken] = await rotated(round + 1, [
      () => runChild(context.benchDir, "bare"),
      () => runChild(context.benchDir, "ours", bundle),
      () => runChild(context.benchDir, "js-tiktoken"),
    ]);
    if (round < 0 || bare === undefined || ours === undefined || jsTiktoken === undefined) continue; // warm-up (disk cache)
    if (ours.tokens !== jsTiktoken.tokens)
      throw new Error(`T4: token counts differ (${ours.tokens} vs ${jsTiktoken.tokens})`);
    samples.bare.push(bare.ms);
    samples.ours.push(ours.ms);
    samples.jsTiktoken.push(jsTiktoken.ms);
    samples.oursRss.push(ours.maxRssMiB);
    samples.jsTiktokenRss.push(jsTiktoken.maxRssMiB);
  }
  const ratios = pairedRatios(samples.ours, samples.jsTiktoken);
  const figure: Figure = {
    id: "T4",
    name: "process start → first count, ours ÷ js-tiktoken getEncoding() (o200k_base)",
    value: median(ratios),
    unit: "×",
    goal: { op: "<=", target: 0.5 },
    details: {
      rounds,
      perRoundRatios: ratios,
      medianMs: {
        bareNode: median(samples.bare),
        ours: median(samples.ours),
        jsTiktoken: median(samples.jsTiktoken),
      },
      medianPeakRssMiB: {
        ours: median(samples.oursRss),
        jsTiktoken: median(samples.jsTiktokenRss),
      },
      peakRssRatio: median(pairedRatios(samples.oursRss, samples.jsTiktokenRss)),
    },
  };
  const table = markdownTable(
    [`T4 fresh process (median of ${rounds})`, "start → first count ms", "peak RSS MiB"],
    [
      ["bare node (floor)", median(samples.bare), "–"],
      [
        "ours: estimateTokens (gpt-tokenizer o200k_base, lazy)",
        median(samples.ours),
        median(samples.oursRss),
      ],
      [
        "js-tiktoken getEncoding('o200k_base')",
        median(samples.jsTiktoken),
        median(samples.jsTiktokenRss),
      ],
    ],
  );
  return { figure, table };
}

/**
 * T5: importing core's main entry loads no rank table (module trace of a fresh process), and
 * what the import costs next to a bare `node`.
 */
export async function measureMainImport(
  context: BenchContext,
): Promise<{ figures: Figure[]; table: string }> {
  let bundle: string;
  try {
    bundle = await bundleCoreEntry(
      context.rootDir,
      context.benchDir,
      "main",
      "packages/core/src/index.ts",
    );
  } catch (error) {
    const details = { error: `core's main entry did not bundle: ${String(error).slice(0, 500)}` };
    return {
      figures: [
        {
          id: "T5a",
          name: "tokenizer modules loaded by importing core (no estimate)",
          value: Number.NaN,
          unit: "modules",
          goal: { op: "<=", target: 0 },
          details,
        },
        {
          id: "T5b",
          name: "import core main entry, wall ÷ bare node",
          value: Number.NaN,
          unit: "×",
          goal: { op: "<=", target: 1.2 },
          details,
        },
      ],
      table: `T5 skipped: ${details.error}`,
    };
  }
  const tokenizeBundle = await bundleCoreEntry(
    context.rootDir,
    context.benchDir,
    "tokenize",
    "packages/core/src/tokenize/index.ts",
  );
  const traced = await runChild(context.benchDir, "import", bundle, { trace: true });
  const rankModules = (traced.loaded ?? []).filter((url) => rankModulePattern.test(url));
  const rounds = context.quick ? 3 : 9;
  const bare: number[] = [];
  const imported: number[] = [];
  const bareHeap: number[] = [];
  const importedHeap: number[] = [];
  const tokenizeOnly: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const [bareRun, importRun, tokenizeRun] = await rotated(round + 1, [
      () => runChild(context.benchDir, "bare"),
      () => runChild(context.benchDir, "import", bundle),
      () => runChild(context.benchDir, "import", tokenizeBundle),
    ]);
    if (round < 0 || bareRun === undefined || importRun === undefined) continue;
    if (tokenizeRun !== undefined) tokenizeOnly.push(tokenizeRun.ms);
    bare.push(bareRun.ms);
    imported.push(importRun.ms);
    bareHeap.push(bareRun.heapUsedMiB);
    importedHeap.push(importRun.heapUsedMiB);
  }
  const ratios = pairedRatios(imported, bare);
  const figures: Figure[] = [
    {
      id: "T5a",
      name: "tokenizer modules loaded by importing core's main entry (no estimate)",
      value: rankModules.length,
      unit: "modules",
      goal: { op: "<=", target: 0 },
      details: { modulesLoaded: traced.loaded?.length ?? 0, rankModules },
    },
    {
      id: "T5b",
      name: "import core's main entry, start → imported ÷ bare node start → script",
      value: median(ratios),
      unit: "×",
      goal: { op: "<=", target: 1.2 },
      details: {
        rounds,
        perRoundRatios: ratios,
        medianMs: {
          bareNode: median(bare),
          importCore: median(imported),
          importTokenizeEntryOnly: median(tokenizeOnly),
        },
        heapGrowthMiB: median(importedHeap) - median(bareHeap),
      },
    },
  ];
  const table = markdownTable(
    [`T5 fresh process (median of ${rounds})`, "start → done ms", "heap used MiB"],
    [
      ["bare node", median(bare), median(bareHeap)],
      ["import core main entry (bundled), no estimate", median(imported), median(importedHeap)],
      ["import the tokenize entry alone (bundled)", median(tokenizeOnly), "–"],
    ],
  );
  return { figures, table };
}

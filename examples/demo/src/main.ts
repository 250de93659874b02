/**
 * `pnpm demo`: a simulated multi-tenant app (two teams, five users, four features) spends a
 * week calling models through the Vercel AI SDK and LangChain.js, with tokenledger pricing
 * every call, enforcing budgets and finding waste. Offline and deterministic (`--seed`).
 */
import { resolve } from "node:path";
import { createLedger, memoryStore } from "@tokenledger/core";
import { createAiSdkFeatures } from "./ai-sdk-features.js";
import { BUDGETS } from "./budgets.js";
import { cliHint } from "./cli-hint.js";
import { parseDemoOptions } from "./cli-options.js";
import { createEventLog } from "./event-log.js";
import { formatSimulatedTime } from "./format.js";
import { runLiveCalls } from "./live-calls.js";
import { persistBudgets, persistLedger } from "./persist-ledger.js";
import { createProgressBar } from "./progress-bar.js";
import { createProviderSimulation } from "./provider-simulation.js";
import { quietLangChainRefusals } from "./quiet-langchain-refusals.js";
import { runWeek } from "./run-week.js";
import { planWeek, USERS, WEEK_START_MS } from "./scenario.js";
import { createSimulatedClock } from "./simulated-clock.js";
import { createSummarizeChain } from "./summarize-chain.js";
import { printSummary } from "./summary.js";
import { writeHtmlReport } from "./write-html-report.js";

const options = parseDemoOptions(process.argv.slice(2));
const startedMs = performance.now();
const clock = createSimulatedClock(WEEK_START_MS);
const store = memoryStore();
const ledger = createLedger({ store, budgets: BUDGETS, now: clock.now });

const plan = planWeek({ seed: options.seed, calls: options.calls });
const teams = [...new Set(USERS.map((user) => user.teamId))];
process.stderr.write(
  `tokenledger demo: ${USERS.length} users in ${teams.length} teams, a simulated week, ` +
    `${plan.length} requests through the AI SDK and LangChain (offline, seed ${options.seed})\n`,
);
const progress = createProgressBar(plan.length);
const events = createEventLog(ledger, clock.now, (line) => progress.log(line));
const simulation = createProviderSimulation(ledger, clock.now);
const restoreConsole = quietLangChainRefusals();
const stats = await runWeek({
  ledger,
  clock,
  plan,
  features: createAiSdkFeatures(ledger, simulation),
  summarize: createSummarizeChain(ledger, simulation),
  progress,
});
restoreConsole();
progress.done();
events.stop();

// `pnpm demo` runs in examples/demo: resolve paths from where the user typed the command.
const baseDirectory = process.env.INIT_CWD ?? process.cwd();
const reportPath = await writeHtmlReport({
  store,
  budgets: BUDGETS,
  nowMs: clock.now(),
  path: resolve(baseDirectory, options.reportPath),
});
await persistLedger(store, resolve(baseDirectory, options.ledgerPath));
await persistBudgets(BUDGETS, resolve(baseDirectory, options.ledgerPath));
const liveLines = process.env.OPENAI_API_KEY && !options.offline ? await runLiveCalls() : [];
await printSummary({
  ledger,
  stats,
  events,
  teams,
  title: `tokenledger demo · ${formatSimulatedTime(WEEK_START_MS).slice(0, 10)} → ${formatSimulatedTime(clock.now()).slice(0, 10)} 2026 (simulated) · seed ${options.seed}`,
  reportPath,
  reportHint: cliHint(options.ledgerPath),
  liveLines,
  elapsedMs: performance.now() - startedMs,
});
await ledger.close();

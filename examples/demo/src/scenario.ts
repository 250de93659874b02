/**
 * The simulated app's tenants and a week of their traffic. Everything is drawn from one seeded
 * generator, so the same seed plans the same week, call for call.
 */
import { createRandom, type Random } from "./random.js";

/** The app's features; each calls a model in its own way (see features/). */
export type Feature = "chat" | "summarize" | "classify" | "agent";

/** How each feature calls its model. */
export const FEATURE_ADAPTERS: Readonly<Record<Feature, string>> = {
  chat: "AI SDK streamText",
  summarize: "LangChain chain",
  classify: "AI SDK generateText",
  agent: "AI SDK tool loop",
};

/** Chat models by tenant: OpenAI for acme, Gemini for most of globex, gpt-4.1 for dave. */
export type ChatModel = "gpt-4o-mini" | "gpt-4.1" | "gemini-2.5-flash";

/** Something that goes wrong on a call, as in production. */
export type Mishap = "none" | "abandon" | "stream-error" | "provider-error";

export interface DemoUser {
  userId: string;
  teamId: string;
  chatModel: ChatModel;
  /** Relative share of all traffic. */
  activity: number;
  features: readonly (readonly [Feature, number])[];
}

/** Two teams, five users, each with habits. */
export const USERS: readonly DemoUser[] = [
  {
    userId: "alice",
    teamId: "acme",
    chatModel: "gpt-4o-mini",
    activity: 1.3,
    features: [
      ["chat", 6],
      ["agent", 1],
      ["summarize", 1],
    ],
  },
  {
    userId: "bob",
    teamId: "acme",
    chatModel: "gpt-4o-mini",
    activity: 0.8,
    features: [
      ["summarize", 5],
      ["chat", 2],
    ],
  },
  {
    userId: "carol",
    teamId: "globex",
    chatModel: "gemini-2.5-flash",
    activity: 1,
    features: [
      ["chat", 5],
      ["summarize", 2],
    ],
  },
  {
    userId: "dave",
    teamId: "globex",
    chatModel: "gpt-4.1",
    activity: 1.1,
    features: [
      ["agent", 4],
      ["chat", 3],
    ],
  },
  {
    userId: "erin",
    teamId: "globex",
    chatModel: "gemini-2.5-flash",
    activity: 0.7,
    features: [
      ["classify", 6],
      ["chat", 1],
    ],
  },
];

/** One call of the plan. Content is drawn from seeds: equal seeds give identical prompts. */
export interface PlannedCall {
  atMs: number;
  user: DemoUser;
  feature: Feature;
  contentSeed: number;
  /** Seed of the model's answer. */
  answerSeed: number;
  /** Chat only: the earlier turns of the conversation (their question and answer seeds). */
  history: readonly { contentSeed: number; answerSeed: number }[];
  mishap: Mishap;
  /** Part of the nightly batch job (which waits and retries when rate-limited). */
  batch: boolean;
}

const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Monday 2 March 2026, 00:00 UTC: the first day of the simulated week. */
export const WEEK_START_MS: number = Date.UTC(2026, 2, 2);
/** Calls of the nightly batch job (a burst above the global requests-per-minute limit). */
export const BATCH_CALLS = 48;

const DAY_WEIGHTS = [1, 1, 1, 1, 0.9, 0.3, 0.25];
const HOUR_WEIGHTS = [
  0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.4, 1.8, 1.9, 1.7, 1.2, 1.5, 1.8, 1.7, 1.5, 1.2, 0.8,
  0.6, 0.5, 0.4, 0.3, 0.2,
];

/** How people use each feature: calls per session and seconds between them. */
const SESSIONS: Record<Feature, { calls: [number, number]; gapSeconds: [number, number] }> = {
  chat: { calls: [1, 6], gapSeconds: [20, 150] },
  summarize: { calls: [1, 8], gapSeconds: [30, 200] },
  classify: { calls: [3, 15], gapSeconds: [10, 40] },
  agent: { calls: [1, 3], gapSeconds: [60, 400] },
};

/** What can go wrong, by feature: [mishap, probability]. */
const MISHAPS: Record<Feature, readonly (readonly [Mishap, number])[]> = {
  chat: [
    ["abandon", 0.04],
    ["stream-error", 0.008],
  ],
  summarize: [],
  classify: [["provider-error", 0.02]],
  agent: [["provider-error", 0.03]],
};

function drawMishap(random: Random, feature: Feature): Mishap {
  let roll = random.next();
  for (const [mishap, probability] of MISHAPS[feature]) {
    if (roll < probability) return mishap;
    roll -= probability;
  }
  return "none";
}

/**
 * Plans `calls` calls over the week, sorted by time: working sessions (a user, a feature, a
 * few calls minutes apart) spread by day of week and hour, plus the nightly batch job.
 */
export function planWeek(options: { seed: number; calls: number }): PlannedCall[] {
  const random = createRandom(options.seed);
  // Some prompts repeat exactly: popular documents, and the most frequent chat questions.
  const popularDocuments = Array.from({ length: 6 }, () => random.int(1, 2 ** 31));
  const frequentQuestions = Array.from({ length: 3 }, () => random.int(1, 2 ** 31));
  const batchCalls = options.calls >= 200 ? BATCH_CALLS : Math.floor(options.calls / 4);
  const plan: PlannedCall[] = [];

  while (plan.length < options.calls - batchCalls) {
    const day = random.weighted(DAY_WEIGHTS.map((weight, offset) => [offset, weight] as const));
    const hour = random.weighted(HOUR_WEIGHTS.map((weight, offset) => [offset, weight] as const));
    const user = random.weighted(
      USERS.map((candidate) => [candidate, candidate.activity] as const),
    );
    const feature = random.weighted(user.features);
    const session = SESSIONS[feature];
    const calls = Math.min(random.int(...session.calls), options.calls - batchCalls - plan.length);
    let atMs = WEEK_START_MS + day * DAY_MS + hour * HOUR_MS + random.int(0, HOUR_MS - 1);
    const history: { contentSeed: number; answerSeed: number }[] = [];
    for (let index = 0; index < calls; index += 1) {
      const repeat = random.chance(
        feature === "summarize" ? 0.2 : feature === "chat" && index === 0 ? 0.15 : 0,
      );
      const pool = feature === "summarize" ? popularDocuments : frequentQuestions;
      const contentSeed = repeat ? random.pick(pool) : random.int(1, 2 ** 31);
      const answerSeed = random.int(1, 2 ** 31);
      const mishap = drawMishap(random, feature);
      plan.push({
        atMs,
        user,
        feature,
        contentSeed,
        answerSeed,
        history: [...history],
        mishap,
        batch: false,
      });
      if (feature === "chat") history.push({ contentSeed, answerSeed });
      atMs += random.int(...session.gapSeconds) * SECOND_MS;
    }
  }

  // Wednesday 02:00: erin's nightly job classifies the day's tickets, one a second.
  const erin = USERS.find((user) => user.userId === "erin");
  for (let index = 0; index < batchCalls && erin; index += 1) {
    plan.push({
      atMs: WEEK_START_MS + 2 * DAY_MS + 2 * HOUR_MS + index * SECOND_MS,
      user: erin,
      feature: "classify",
      contentSeed: random.int(1, 2 ** 31),
      answerSeed: random.int(1, 2 ** 31),
      history: [],
      mishap: "none",
      batch: true,
    });
  }
  return plan.sort((left, right) => left.atMs - right.atMs);
}

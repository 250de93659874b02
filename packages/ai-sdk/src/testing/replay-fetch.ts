import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = new URL("../../../core/src/usage/__fixtures__/replay/", import.meta.url);

/** A recorded response body from packages/core/src/usage/__fixtures__/replay (see SOURCES.md). */
export function readReplayJson(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(name, FIXTURES)), "utf8"));
}

/** The `data` payloads of a recorded stream, one JSON object a line. */
export function readReplayChunks(name: string): Record<string, unknown>[] {
  return readFileSync(fileURLToPath(new URL(name, FIXTURES)), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** How a recorded stream is framed on the wire. */
export type SseDialect = "anthropic" | "openai" | "google";

/** One recorded answer: a JSON body, or the events of a server-sent stream. */
export type ReplayAnswer =
  | { json: unknown }
  | { sse: readonly Record<string, unknown>[]; dialect: SseDialect };

/** Server-sent events as the provider frames them (Anthropic names each event). */
export function sseBody(events: readonly Record<string, unknown>[], dialect: SseDialect): string {
  const frames = events.map((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    return dialect === "anthropic" ? `event: ${String(event.type)}\n${data}` : data;
  });
  if (dialect === "openai") frames.push("data: [DONE]\n\n");
  return frames.join("");
}

/**
 * A `fetch` that answers each request with the next recorded answer, and keeps the request
 * bodies it received. Pass it as the provider package's own `fetch` option.
 */
export function replayFetch(answers: readonly ReplayAnswer[]): {
  fetch: typeof globalThis.fetch;
  requests: unknown[];
} {
  const requests: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : init?.body;
    const answer = answers[requests.length];
    requests.push(body);
    if (answer === undefined)
      throw new Error(`replayFetch: no answer for request ${requests.length}`);
    if ("json" in answer) {
      return new Response(JSON.stringify(answer.json), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    return new Response(sseBody(answer.sse, answer.dialect), {
      status: 200,
      headers: { "content-type": "text/event-stream" },
    });
  };
  return { fetch, requests };
}

import { describe, expect, it } from "vitest";
import { contextFromMetadata } from "./context-from-metadata.js";

// What a model run inside createAgent sees: the caller's metadata plus LangChain's own keys.
const agentRunMetadata = {
  userId: "u-1",
  feature: "support",
  attempt: 2,
  ls_provider: "openai",
  ls_model_name: "gpt-4o",
  ls_integration: "langchain_create_agent",
  langgraph_node: "model_request",
  langgraph_step: 1,
  checkpoint_ns: "model_request:abc",
  __pregel_task_id: "t",
  versions: { "@langchain/core": "1.4.0" },
};

describe("contextFromMetadata", () => {
  it("keeps the caller's string values and leaves LangChain's keys out", () => {
    expect(contextFromMetadata(agentRunMetadata)).toEqual({ userId: "u-1", feature: "support" });
  });

  it("picks only the listed keys when given a list", () => {
    expect(contextFromMetadata(agentRunMetadata, ["userId", "missing"])).toEqual({ userId: "u-1" });
  });

  it("reads tags only as a list of strings", () => {
    expect(contextFromMetadata({ tags: ["beta", "eu"] })).toEqual({ tags: ["beta", "eu"] });
    expect(contextFromMetadata({ tags: ["beta", 1] })).toEqual({});
  });

  it("returns nothing for false or missing metadata", () => {
    expect(contextFromMetadata(agentRunMetadata, false)).toEqual({});
    expect(contextFromMetadata(undefined)).toEqual({});
  });
});

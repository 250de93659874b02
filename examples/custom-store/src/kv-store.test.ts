/**
 * The custom store passes the same conformance suite as the built-in stores, with node:test
 * (no extra test runner): `pnpm --filter @tokenledger/example-custom-store start`.
 */
import { describe, it } from "node:test";
import { runStoreConformance } from "@tokenledger/core/testing";
import { kvStore } from "./kv-store.js";
import { memoryKv } from "./versioned-kv.js";

runStoreConformance({ describe, it }, () => kvStore(memoryKv()), { name: "kv-store" });

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/** Runs a full garbage collection (exposes `gc` on first use), so passes start from the same heap. */
export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString("--expose_gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}

// `node --import ./module-trace.mjs child.mjs …` with MODULE_TRACE_FILE set: appends every
// module URL the process loads to that file. Used only to see which modules an import pulls
// in, never for timing.
import { register } from "node:module";

register("./module-trace-hooks.mjs", import.meta.url, {
  data: { file: process.env.MODULE_TRACE_FILE },
});

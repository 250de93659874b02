/**
 * A plain progress bar on stderr. On a terminal it redraws one line in place and prints log
 * lines above it; elsewhere (CI, a pipe) it prints a line every 25 % and the log lines as is.
 */
export interface ProgressBar {
  /** One more unit done; `label` describes where the run is (e.g. the simulated day). */
  tick(label: string): void;
  /** Prints a line above the bar. */
  log(line: string): void;
  /** Clears the bar. */
  done(): void;
}

const WIDTH = 30;
const REDRAW_INTERVAL_MS = 50;

export function createProgressBar(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const interactive = stream.isTTY === true && process.env.CI === undefined;
  let completed = 0;
  let label = "";
  let lastDrawMs = 0;
  let nextQuarter = 1;

  const render = (): string => {
    const fraction = total === 0 ? 1 : completed / total;
    const filled = Math.round(fraction * WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
    return `  ${bar} ${String(Math.round(fraction * 100)).padStart(3)}%  ${completed}/${total} calls  ${label}`;
  };
  const draw = (): void => {
    stream.write(`\r\u001b[2K${render()}`);
    lastDrawMs = Date.now();
  };

  return {
    tick(nextLabel) {
      completed += 1;
      label = nextLabel;
      if (interactive) {
        if (Date.now() - lastDrawMs >= REDRAW_INTERVAL_MS || completed === total) draw();
      } else if (completed >= (total * nextQuarter) / 4) {
        stream.write(`${render()}\n`);
        nextQuarter += 1;
      }
    },
    log(line) {
      if (interactive) {
        stream.write(`\r\u001b[2K${line}\n`);
        draw();
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (interactive) stream.write("\r\u001b[2K");
    },
  };
}

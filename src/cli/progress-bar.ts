// A one-line progress bar for long commands on a terminal (imports and exports).

export interface Progress {
  /** How far along, in whatever unit `total` counts (bytes read, rows, files). */
  done: number;
  total: number;
  /** What has been handled so far, e.g. "1,204 items". */
  detail?: string;
}

/** Draws at most ten times a second, and always the last step. */
export function progressBar(stream: { write(text: string): unknown }): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const bar = "#".repeat(filled) + ".".repeat(width - filled);
    stream.write(`\r[${bar}] ${Math.round(share * 100)}%  ${p.detail ?? ""}`);
  };
}

/** The demo's stills being drawn, as a bar on a terminal and nothing elsewhere (logs, tests). */
export function demoProgress(io: {
  stdout: { write(text: string): unknown; isTTY?: boolean };
}): ((p: Progress) => void) | undefined {
  if (!io.stdout.isTTY) return undefined;
  const draw = progressBar(io.stdout);
  return (p) => {
    draw({ ...p, detail: `drawing stills ${p.done} of ${p.total}` });
    if (p.done >= p.total) io.stdout.write("\n");
  };
}

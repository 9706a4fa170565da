// The server under a bench is a process tree, not one process: `cinelog serve` starts itself
// again with its heap flags (src/cli/heap-flags.ts), and `--workers N` forks N workers below
// that. Its CPU time and memory are read over the whole tree from /proc (Linux).
import fs from "node:fs";

/**
 * The server process and all its descendants: `cinelog serve` starts itself again with its
 * heap flags (src/cli/heap-flags.ts), and `--workers N` forks N workers below that.
 */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  } catch {
    // It has just exited.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time the server has used so far, ms (from /proc: utime + stime, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  let ms = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ms += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // A worker that has just exited.
    }
  }
  return ms;
}

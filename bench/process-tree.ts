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

/** The fields of /proc/PID/stat after the command's name, summed over the tree. */
function summedStat(pid: number, read: (fields: string[]) => number): number {
  let sum = 0;
  for (const p of processTree(pid)) {
    try {
      sum += read(fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" "));
    } catch {
      // A worker that has just exited.
    }
  }
  return sum;
}

/** CPU time the server has used so far, ms (from /proc: utime + stime, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  return summedStat(pid, (fields) => (Number(fields[11]) + Number(fields[12])) * 10);
}

/**
 * Minor page faults the server has taken so far: memory it was given afresh by the kernel,
 * each page zeroed and mapped on first touch. On these virtual machines a fault costs far more
 * at some moments than at others (bench/README.md, "Page faults and glibc's thresholds").
 */
export function minorFaultsOf(pid: number): number {
  return summedStat(pid, (fields) => Number(fields[7]));
}

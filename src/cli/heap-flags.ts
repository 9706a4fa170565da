// V8 sizes its heap for the machine, not for the program: on a machine with a few gigabytes
// it lets the young generation grow to 2 × 64 MB semi-spaces and the old one to grow up to
// four times what was live after the last full collection before it collects again. Under
// load that kept a server whose live heap is about 50 MB at 430–530 MB resident
// (bench/README.md, "Memory"). `cinelog serve` therefore starts Node with two heap flags,
// without V8's allocation-site pretenuring (pretenuringFlag below) and with no more of V8's
// helper threads than cores (helperThreadsFlag), flags which only take effect when given at
// start: when the process was started without them,
// it starts itself again with them and stands by as a thin parent (signals passed on, the
// child's exit code returned). Cluster workers inherit them from the primary's arguments.
// glibc's malloc can be set the same way, through the environment it reads when a process
// starts (mallocEnvironmentToAdd below); workers inherit that environment too.
import { spawn } from "node:child_process";
import { availableParallelism, constants } from "node:os";

interface HeapSetting {
  /** The environment variable that sets it, in MB. */
  variable: string;
  /** Node's flag. */
  flag: string;
  defaultMb: number;
  /** The smallest value that makes sense (a smaller one is a typo or a crash). */
  leastMb: number;
}

const heapSettings: readonly HeapSetting[] = [
  // Each scavenge copies what is still alive; small semi-spaces mean more, shorter
  // scavenges and a little more promoted to the old generation. 4 MB saved about 10 MB a
  // process and cost the feed a third more CPU, so 8 it is (bench/README.md, "Memory").
  { variable: "CINELOG_SEMI_SPACE_MB", flag: "--max-semi-space-size", defaultMb: 8, leastMb: 1 },
  // Also a hard ceiling: a process whose live heap passed it would stop with "heap out of
  // memory". Below about 1 GB V8 also grows the old generation by a smaller factor between
  // full collections, which is what keeps resident memory down.
  { variable: "CINELOG_OLD_SPACE_MB", flag: "--max-old-space-size", defaultMb: 512, leastMb: 128 },
];

/** The setting for V8's allocation-site pretenuring, and the flag that turns it off. */
const pretenuringVariable = "CINELOG_PRETENURING";
const noPretenuringFlag = "--no-allocation-site-pretenuring";

/**
 * The flags to add for `serve`: those of the settings (or their defaults) that neither the
 * command line nor NODE_OPTIONS already gives. "default" leaves a setting to V8.
 */
export function heapFlagsToAdd(
  env: Record<string, string | undefined>,
  nodeArguments: readonly string[],
  cores = availableParallelism(),
): { flags: string[] } | { problem: string } {
  const given = [...nodeArguments, ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  const flags: string[] = [];
  const pretenuring = pretenuringFlag(env, given);
  if (typeof pretenuring === "object") return pretenuring;
  const helperThreads = helperThreadsFlag(env, given, cores);
  if (typeof helperThreads === "object") return helperThreads;
  for (const setting of heapSettings) {
    const raw = env[setting.variable]?.trim() || String(setting.defaultMb);
    if (raw === "default") continue;
    if (!/^\d+$/.test(raw) || Number(raw) < setting.leastMb || Number(raw) > 65_536) {
      return {
        problem:
          `${setting.variable} takes a whole number of megabytes from ${setting.leastMb} ` +
          `to 65536, or "default" for V8's own, not "${raw}"`,
      };
    }
    const named = (argument: string) =>
      argument.replaceAll("_", "-").startsWith(`${setting.flag}=`) ||
      argument.replaceAll("_", "-") === setting.flag;
    if (given.some(named)) continue;
    flags.push(`${setting.flag}=${raw}`);
  }
  if (pretenuring) flags.push(pretenuring);
  if (helperThreads) flags.push(helperThreads);
  return { flags };
}

/** The setting for V8's helper threads, and Node's own number of them. */
const helperThreadsVariable = "CINELOG_GC_THREADS";
const nodeHelperThreads = 4;

/**
 * Node starts four helper threads for V8 whatever the machine, and V8's collector splits its
 * work among all of them. On two cores, four helpers and the main thread contend for the
 * same two: the uncached review with 200 comments, the page that makes the most garbage, took
 * 15–30 % more CPU a request with four than with two, in six pairs of runs (bench/README.md,
 * "V8's helper threads"), and one helper was worse again (the collector fell behind). So by
 * default no more helpers than cores, and never more than Node's four; a number sets it;
 * "default" leaves Node's.
 */
function helperThreadsFlag(
  env: Record<string, string | undefined>,
  given: readonly string[],
  cores: number,
): string | undefined | { problem: string } {
  const raw = env[helperThreadsVariable]?.trim() || "";
  if (
    raw !== "" &&
    raw !== "default" &&
    (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64)
  ) {
    return {
      problem:
        `${helperThreadsVariable} takes a whole number of threads from 1 to 64, ` +
        `or "default" for Node's own, not "${raw}"`,
    };
  }
  if (raw === "default") return undefined;
  if (given.some((argument) => argument.replaceAll("_", "-").startsWith("--v8-pool-size"))) {
    return undefined;
  }
  const threads = raw === "" ? Math.max(1, Math.min(nodeHelperThreads, cores)) : Number(raw);
  return raw === "" && threads === nodeHelperThreads ? undefined : `--v8-pool-size=${threads}`;
}

/**
 * V8 watches where objects are allocated, and when most of those from one place are still
 * alive at a young collection it allocates the rest from there straight into the old
 * generation. A page renders in one go, so a young collection that falls in the middle of a
 * render finds the whole tree of the page's elements alive: V8 then puts every later page's
 * elements (Hono's JSX nodes, their props, the pieces of markup) in the old generation, where
 * they die at once and pile up until the next full collection. Without it, an uncached
 * review with 200 comments ran 3 full collections in 8 s instead of 7–8, at the same CPU,
 * and peaked 32–51 MB lower (bench/README.md, "Issue 15, memory: what makes the peak").
 * "on" leaves V8's own.
 */
function pretenuringFlag(
  env: Record<string, string | undefined>,
  given: readonly string[],
): string | undefined | { problem: string } {
  const raw = env[pretenuringVariable]?.trim() || "off";
  if (raw !== "on" && raw !== "off") {
    return { problem: `${pretenuringVariable} takes "off" or "on", not "${raw}"` };
  }
  const named = (argument: string) =>
    /^--(no-)?allocation-site-pretenuring$/.test(argument.replaceAll("_", "-"));
  return raw === "off" && !given.some(named) ? noPretenuringFlag : undefined;
}

/** The variables glibc's malloc reads at start, both set to the same threshold. */
const mallocVariables = ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"] as const;
const mallocThresholdVariable = "CINELOG_MALLOC_THRESHOLD_KB";

/**
 * glibc's malloc settings to add for `serve`: by default none, glibc's own. Fixed thresholds
 * (a number of KB here) make a block that large mapped and unmapped on its own and the top of
 * the heap given back beyond it, so that the main arena does not keep its high-water mark.
 * They were the default at 128 KB until that was found to cost a page fault for every 4 KB of
 * such a block on every request that makes one (SQLite's sorter for a search, a long page's
 * bytes): 52–83 faults a request on a fresh server answering the feed or searches, and half
 * their throughput, for 3–20 MB less at the peak (bench/README.md, "Page faults and glibc's
 * thresholds"). None is added when either variable, or a glibc.malloc tunable, is already set.
 */
export function mallocEnvironmentToAdd(
  env: Record<string, string | undefined>,
): { environment: Record<string, string> } | { problem: string } {
  const raw = env[mallocThresholdVariable]?.trim() || "default";
  if (raw === "default") return { environment: {} };
  if (!/^\d+$/.test(raw) || Number(raw) < 4 || Number(raw) > 32_768) {
    return {
      problem:
        `${mallocThresholdVariable} takes a whole number of kilobytes from 4 to 32768, ` +
        `or "default" for glibc's own, not "${raw}"`,
    };
  }
  const given =
    mallocVariables.some((variable) => env[variable] !== undefined) ||
    /glibc\.malloc\.(trim|mmap)_threshold/.test(env.GLIBC_TUNABLES ?? "");
  if (given) return { environment: {} };
  const bytes = String(Number(raw) * 1024);
  return { environment: Object.fromEntries(mallocVariables.map((v) => [v, bytes])) };
}

/**
 * Runs this same command again in a child Node started with `flags` and `environment` added
 * to this one's, passing on SIGINT,
 * SIGTERM and SIGHUP; resolves to its exit code (128 + the signal's number if one killed it).
 */
export function runAgainWithFlags(
  flags: readonly string[],
  environment: Record<string, string> = {},
): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, ...environment } },
  );
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const passOn = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, passOn);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      process.stderr.write(`Could not start the server process: ${error.message}\n`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, passOn);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

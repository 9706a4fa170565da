// The arguments of `cinelog serve`: production mode, and how many worker processes share the
// port (every core in production, one otherwise — development and tests keep one process).
import os from "node:os";
import { isProduction, type Env } from "../config.ts";

const serveUsage = "Usage: cinelog serve [--production] [--workers N]";

/** More workers than this is a typo, not a machine. */
const maxWorkers = 256;

interface ServeArgs {
  production: boolean;
  workers: number;
}

/** The parsed arguments, or the message that explains what is wrong with them. */
export function parseServeArgs(args: string[], env: Env): ServeArgs | { problem: string } {
  let workers: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--workers") {
      workers = args[++i] ?? "";
    } else if (arg.startsWith("--workers=")) {
      workers = arg.slice("--workers=".length);
    } else {
      rest.push(arg);
    }
  }
  const unknown = rest.filter((a) => a !== "--production");
  if (unknown.length > 0) return { problem: `Unknown argument: ${unknown[0]}\n${serveUsage}` };
  const production = isProduction(env, args);
  if (workers === undefined) {
    return { production, workers: production ? os.availableParallelism() : 1 };
  }
  if (!/^\d+$/.test(workers) || Number(workers) < 1 || Number(workers) > maxWorkers) {
    return {
      problem: `--workers takes a whole number from 1 to ${maxWorkers}, not "${workers}"\n${serveUsage}`,
    };
  }
  return { production, workers: Number(workers) };
}

// `cinelog serve --workers N`: the primary process forks N workers that share one port
// (node:cluster hands each new connection to the next worker in turn). Each worker is a whole
// server with its own page cache; a change made through one reaches the others' caches
// through the change feed in the database (content_changes, polled about once a second).
// The primary serves nothing itself: it starts the workers, replaces one that dies, and on
// SIGTERM or SIGINT passes the signal on and exits once every worker has stopped gracefully.
import cluster, { type Worker } from "node:cluster";
import type { Config } from "../config.ts";
import { describeDatabase } from "../db/connect.ts";
import { complain, say, type CliIo } from "./io.ts";

/** The environment variable that tells a worker its place (0 … N-1); 0 runs the mail sender. */
export const workerIndexVariable = "CINELOG_WORKER_INDEX";

/** A worker that dies this soon after starting is not replaced: something is wrong. */
const minimumLifeMs = 5_000;

interface ClusterOptions {
  workers: number;
  io: CliIo;
  config: Config;
  production: boolean;
}

/** Starts the workers; resolves at once (0), the process then lives until a signal. */
export function runCluster({ workers, io, config, production }: ClusterOptions): number {
  const running = new Map<
    number,
    { worker: Worker; index: number; startedAt: number; listening: boolean }
  >();
  let listening = 0;
  let stopping = false;
  let failed = false;

  const fork = (index: number) => {
    const worker = cluster.fork({ ...io.env, [workerIndexVariable]: String(index) });
    const entry = { worker, index, startedAt: Date.now(), listening: false };
    running.set(worker.id, entry);
    worker.once("listening", (address) => {
      entry.listening = true;
      listening++;
      if (listening !== workers) return;
      say(io, `Database: ${describeDatabase(config.databaseUrl)}`);
      say(
        io,
        `Cinelog is serving ${config.siteUrl} (listening on ${address.address ?? config.host}:` +
          `${address.port}, ${workers} workers${production ? ", production mode" : ""})`,
      );
    });
  };

  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(io, signal === "SIGINT" ? "\nStopping (Ctrl-C)…" : `Stopping (${signal})…`);
    for (const { worker } of running.values()) worker.process.kill("SIGTERM");
    if (running.size === 0) finish();
  };

  const finish = () => {
    if (failed) {
      complain(io, "Cinelog stopped: a worker failed.");
      process.exit(1);
    }
    say(io, "Cinelog stopped.");
    process.exit(0);
  };

  cluster.on("exit", (worker, code, signal) => {
    const entry = running.get(worker.id);
    running.delete(worker.id);
    if (!entry) return;
    if (stopping) {
      // A worker still starting has no handler for the signal yet, and dies of it: no failure.
      const stoppedEarly = !entry.listening && signal === "SIGTERM";
      if (code !== 0 && !stoppedEarly) failed = true;
      if (running.size === 0) finish();
      return;
    }
    complain(io, `Worker ${entry.index} exited (${signal ?? `code ${code}`}).`);
    if (Date.now() - entry.startedAt < minimumLifeMs) {
      // It could not start (the port is taken, the database unreachable): stop them all.
      failed = true;
      stopAll("SIGTERM");
      return;
    }
    fork(entry.index);
  });

  for (let index = 0; index < workers; index++) fork(index);
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);
  return 0;
}

// Runs the real `cinelog` command: in this process through `run(argv, io)` (runCli — the same
// dispatch, parsing, messages and exit codes, without starting Node and loading the app
// again for every call), or in a child process through bin/cinelog.js, as an operator would
// (runCliProcess, startServer: kept for the few tests of the process itself).
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { run } from "../../src/cli/run.ts";

export const bin = path.resolve(import.meta.dirname, "../../bin/cinelog.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in this process, with `env` over this process's environment. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<CliResult> {
  const stdout = collected();
  const stderr = collected();
  const code = await run(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([stdin]),
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A stream that keeps what is written to it, synchronously, so nothing is still in flight. */
function collected() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Runs a command in a child process through bin/cinelog.js, as an operator would. */
export function runCliProcess(
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Starts `cinelog serve` (with `args`) and resolves once it says where it is serving. */
export function startServer(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [bin, "serve", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<string>((resolve, reject) => {
    // Loading the demo draws and encodes every still: minutes on a busy machine.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/Cinelog is serving/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { ready, stop, output: () => output, exitCode: () => child.exitCode, pid: child.pid! };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

// The logger. pino writes one JSON object a line, which is right for a file or a log
// collector and unreadable on a terminal between the server's own sentences; there, each
// line is rewritten as "14:02:11 INFO  message key=value". No extra package: the JSON is
// parsed back line by line, which costs nothing at a terminal's rate of reading.
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import type { Config } from "./config.ts";

type Out = { write(text: string): unknown; isTTY?: boolean };

const levelNames: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** Fields every pino line carries that the human line shows in its own place, or not at all. */
const shownElsewhere = new Set(["level", "time", "msg", "pid", "hostname", "v"]);

export function createLogger(
  config: Pick<Config, "logLevel" | "logFormat">,
  out: Out = process.stdout,
): Logger {
  const pretty = config.logFormat === "pretty" || (config.logFormat === "auto" && !!out.isTTY);
  if (pretty) return pino({ level: config.logLevel }, humanLines(out));
  // The process's own output goes through pino's fast file-descriptor writer.
  if (out === process.stdout) return pino({ level: config.logLevel });
  return pino({ level: config.logLevel }, out as Writable);
}

/** A stream that takes pino's JSON lines and writes human ones to `out`. */
function humanLines(out: Out): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (line.trim()) out.write(`${humanLine(line)}\n`);
      }
      done();
    },
  });
}

export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time) : new Date();
  const clock = time.toTimeString().slice(0, 8);
  const level = (levelNames[Number(entry.level)] ?? "LOG").padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !shownElsewhere.has(key))
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  return [
    clock,
    level,
    typeof entry.msg === "string" ? entry.msg : fieldText(entry.msg ?? ""),
    ...fields,
  ]
    .filter(Boolean)
    .join(" ");
}

function fieldText(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

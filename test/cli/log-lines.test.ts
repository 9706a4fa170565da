// Log lines are for whoever reads them: JSON for a file or a collector, a short human line
// on a terminal. The choice follows CINELOG_LOG_FORMAT, and "auto" asks whether the output
// is a terminal.
import { describe, expect, it } from "vitest";
import { createLogger, humanLine } from "../../src/log-lines.ts";

function collector(isTTY: boolean) {
  const lines: string[] = [];
  return {
    isTTY,
    lines,
    write(text: string) {
      lines.push(...text.split("\n").filter(Boolean));
      return true;
    },
  };
}

describe("log lines", () => {
  it("writes JSON when the output is not a terminal", () => {
    const out = collector(false);
    createLogger({ logLevel: "info", logFormat: "auto" }, out).info({ path: "/" }, "served");
    expect(out.lines).toHaveLength(1);
    const entry = JSON.parse(out.lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, msg: "served", path: "/" });
  });

  it("writes a human line on a terminal: time, level, message, fields", async () => {
    const out = collector(true);
    const logger = createLogger({ logLevel: "info", logFormat: "auto" }, out);
    logger.warn({ status: 400, reason: "bad body" }, "request refused");
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}request refused status=400 reason="bad body"$/,
    );
    expect(out.lines[0]).not.toContain("pid");
  });

  it("lets the setting win over the terminal test", async () => {
    const json = collector(true);
    createLogger({ logLevel: "info", logFormat: "json" }, json).info("x");
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ msg: "x" });
    const pretty = collector(false);
    createLogger({ logLevel: "info", logFormat: "pretty" }, pretty).error("y");
    await new Promise((resolve) => setImmediate(resolve));
    expect(pretty.lines[0]).toMatch(/ ERROR y$/);
  });

  it("passes through a line that is not JSON untouched", () => {
    expect(humanLine("plain words")).toBe("plain words");
  });
});

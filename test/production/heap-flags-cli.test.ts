// `cinelog serve` runs with its heap settings: started without them, it starts itself again
// with CINELOG_SEMI_SPACE_MB and CINELOG_OLD_SPACE_MB as V8 flags (the heap limit on
// /metrics shows they took effect), without V8's allocation-site pretenuring unless
// CINELOG_PRETENURING=on, and glibc malloc's fixed thresholds in its environment, a
// flag given through NODE_OPTIONS wins, a bad value is refused with a message, and SIGTERM
// still reaches the server through the thin parent.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { freePort, runCliProcess, startServer } from "../support/cli.ts";

const metricsToken = "heap-flags-test-metrics-token";
const mb = 1024 * 1024;

async function heapLimit(base: string): Promise<number> {
  const text = await (
    await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  const line = /^cinelog_heap_limit_bytes (\d+)$/m.exec(text);
  expect(line).not.toBeNull();
  return Number(line![1]);
}

/** The process `pid` started (the server, behind the thin parent). */
function serverPid(pid: number): string {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ");
  expect(children).toHaveLength(1);
  return children[0]!;
}

/** The arguments Node was started with for the server behind the thin parent `pid`. */
function serverArguments(pid: number): string[] {
  return fs.readFileSync(`/proc/${serverPid(pid)}/cmdline`, "utf8").split("\0");
}

/** The environment of the process `pid` started (the server, behind the thin parent). */
function serverEnvironment(pid: number): Record<string, string> {
  const text = fs.readFileSync(`/proc/${serverPid(pid)}/environ`, "utf8");
  return Object.fromEntries(
    text
      .split("\0")
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
}

describe.each(dialects)("serve's heap settings on %s", (dialect) => {
  const opened: TestDb[] = [];
  afterAll(async () => {
    for (const db of opened) await db.dispose();
  });

  async function serveWith(env: Record<string, string>) {
    const db = await openTestDb(dialect);
    opened.push(db);
    const port = await freePort();
    const server = startServer({
      DATABASE_URL: db.url,
      CINELOG_DATA_DIR: db.mediaDir,
      CINELOG_DEMO: "false",
      PORT: String(port),
      CINELOG_METRICS_TOKEN: metricsToken,
      ...env,
    });
    await server.ready;
    return { server, base: `http://127.0.0.1:${port}` };
  }

  it("starts Node with the settings' flags, and stops on SIGTERM with exit 0", async () => {
    const { server, base } = await serveWith({
      CINELOG_SEMI_SPACE_MB: "4",
      CINELOG_OLD_SPACE_MB: "300",
      NODE_OPTIONS: "",
    });
    try {
      // V8's limit is the old generation's ceiling plus three semi-spaces.
      expect(await heapLimit(base)).toBe((300 + 3 * 4) * mb);
    } finally {
      await server.stop();
    }
    expect(server.exitCode()).toBe(0);
    expect(server.output()).toMatch(/Stopping \(SIGTERM\)…[\s\S]*Cinelog stopped\./);
  }, 60_000);

  it("uses 8 MB semi-spaces, a 512 MB old generation, no pretenuring and glibc's own malloc thresholds unless told otherwise", async () => {
    const { server, base } = await serveWith({ NODE_OPTIONS: "" });
    try {
      expect(await heapLimit(base)).toBe((512 + 3 * 8) * mb);
      expect(serverArguments(server.pid)).toContain("--no-allocation-site-pretenuring");
      const environment = serverEnvironment(server.pid);
      expect(environment.MALLOC_TRIM_THRESHOLD_).toBeUndefined();
      expect(environment.MALLOC_MMAP_THRESHOLD_).toBeUndefined();
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('leaves pretenuring to V8 when CINELOG_PRETENURING is "on", and takes CINELOG_GC_THREADS and CINELOG_MALLOC_THRESHOLD_KB', async () => {
    const { server } = await serveWith({
      NODE_OPTIONS: "",
      CINELOG_PRETENURING: "on",
      CINELOG_GC_THREADS: "3",
      CINELOG_MALLOC_THRESHOLD_KB: "128",
    });
    try {
      expect(serverArguments(server.pid)).not.toContain("--no-allocation-site-pretenuring");
      expect(serverArguments(server.pid)).toContain("--v8-pool-size=3");
      const environment = serverEnvironment(server.pid);
      expect(environment.MALLOC_TRIM_THRESHOLD_).toBe("131072");
      expect(environment.MALLOC_MMAP_THRESHOLD_).toBe("131072");
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("leaves a flag given in NODE_OPTIONS as it is", async () => {
    const { server, base } = await serveWith({
      NODE_OPTIONS: "--max-old-space-size=200",
      CINELOG_OLD_SPACE_MB: "400",
      CINELOG_SEMI_SPACE_MB: "2",
    });
    try {
      expect(await heapLimit(base)).toBe((200 + 3 * 2) * mb);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe("a bad heap setting", () => {
  it("is refused with a message naming it, before anything starts", async () => {
    const result = await runCliProcess(["serve"], {
      CINELOG_OLD_SPACE_MB: "64",
      CINELOG_DEMO: "false",
      DATABASE_URL: "sqlite::memory:",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CINELOG_OLD_SPACE_MB takes a whole number of megabytes/);
    expect(result.stdout).not.toMatch(/Cinelog is serving/);
  });
});

// Which heap flags `cinelog serve` adds when it starts itself again: the settings' values or
// their defaults, none that the command line or NODE_OPTIONS already gives (in either
// spelling), none for "default", and a message for a value that is not a size; V8's
// allocation-site pretenuring off unless told otherwise; no more of V8's helper threads than
// cores. The same for glibc malloc's thresholds, which go in the environment.
import { describe, expect, it } from "vitest";
import { heapFlagsToAdd as flagsOn, mallocEnvironmentToAdd } from "../../src/cli/heap-flags.ts";

const noPretenuring = "--no-allocation-site-pretenuring";

/** On eight cores, where Node's four helper threads are already no more than the cores. */
const heapFlagsToAdd = (env: Record<string, string | undefined>, args: string[]) =>
  flagsOn(env, args, 8);

describe("serve's heap flags", () => {
  it("adds both, with their defaults when unset", () => {
    expect(heapFlagsToAdd({}, [])).toEqual({
      flags: ["--max-semi-space-size=8", "--max-old-space-size=512", noPretenuring],
    });
    expect(
      heapFlagsToAdd({ CINELOG_SEMI_SPACE_MB: "16", CINELOG_OLD_SPACE_MB: "1024" }, []),
    ).toEqual({ flags: ["--max-semi-space-size=16", "--max-old-space-size=1024", noPretenuring] });
  });

  it("adds none that Node was already given, on its command line or in NODE_OPTIONS", () => {
    expect(heapFlagsToAdd({}, ["--max-old-space-size=300"])).toEqual({
      flags: ["--max-semi-space-size=8", noPretenuring],
    });
    expect(
      heapFlagsToAdd({ NODE_OPTIONS: "--enable-source-maps --max_semi_space_size=2" }, []),
    ).toEqual({
      flags: ["--max-old-space-size=512", noPretenuring],
    });
    // So a process started again with them, or a cluster worker, adds nothing.
    expect(
      heapFlagsToAdd({}, ["--max-semi-space-size=8", "--max-old-space-size=512", noPretenuring]),
    ).toEqual({ flags: [] });
  });

  it('leaves a setting of "default" to V8', () => {
    expect(heapFlagsToAdd({ CINELOG_SEMI_SPACE_MB: "default" }, [])).toEqual({
      flags: ["--max-old-space-size=512", noPretenuring],
    });
  });

  it('turns pretenuring off unless it is "on" or Node was given either spelling of the flag', () => {
    const heapOnly = ["--max-semi-space-size=8", "--max-old-space-size=512"];
    expect(heapFlagsToAdd({ CINELOG_PRETENURING: "off" }, [])).toEqual({
      flags: [...heapOnly, noPretenuring],
    });
    expect(heapFlagsToAdd({ CINELOG_PRETENURING: "on" }, [])).toEqual({ flags: heapOnly });
    expect(heapFlagsToAdd({}, ["--allocation-site-pretenuring"])).toEqual({ flags: heapOnly });
    expect(heapFlagsToAdd({}, ["--no_allocation_site_pretenuring"])).toEqual({
      flags: heapOnly,
    });
    const result = heapFlagsToAdd({ CINELOG_PRETENURING: "yes" }, []);
    expect(result).toHaveProperty("problem");
    expect((result as { problem: string }).problem).toContain("CINELOG_PRETENURING");
    expect((result as { problem: string }).problem).toContain('"yes"');
  });

  it("gives V8 no more helper threads than cores, nor more than Node's four", () => {
    const heap = ["--max-semi-space-size=8", "--max-old-space-size=512", noPretenuring];
    expect(flagsOn({}, [], 2)).toEqual({ flags: [...heap, "--v8-pool-size=2"] });
    expect(flagsOn({}, [], 1)).toEqual({ flags: [...heap, "--v8-pool-size=1"] });
    expect(flagsOn({}, [], 3)).toEqual({ flags: [...heap, "--v8-pool-size=3"] });
    expect(flagsOn({}, [], 16)).toEqual({ flags: heap });
    expect(flagsOn({ CINELOG_GC_THREADS: "6" }, [], 2)).toEqual({
      flags: [...heap, "--v8-pool-size=6"],
    });
    expect(flagsOn({ CINELOG_GC_THREADS: "default" }, [], 2)).toEqual({ flags: heap });
    // Given to Node already (a worker, the process started again): nothing added.
    expect(flagsOn({}, [...heap, "--v8-pool-size=2"], 2)).toEqual({ flags: [] });
    expect(flagsOn({ NODE_OPTIONS: "--v8_pool_size=3" }, [], 2)).toEqual({ flags: heap });
    for (const value of ["0", "two", "65", "2.5"]) {
      const result = flagsOn({ CINELOG_GC_THREADS: value }, [], 2);
      expect(result).toHaveProperty("problem");
      expect((result as { problem: string }).problem).toContain("CINELOG_GC_THREADS");
      expect((result as { problem: string }).problem).toContain(`"${value}"`);
    }
  });

  it("refuses what is not a whole number of megabytes in range, naming the setting", () => {
    for (const [variable, value] of [
      ["CINELOG_SEMI_SPACE_MB", "8MB"],
      ["CINELOG_SEMI_SPACE_MB", "0"],
      ["CINELOG_OLD_SPACE_MB", "64"],
      ["CINELOG_OLD_SPACE_MB", "99999999"],
    ] as const) {
      const result = heapFlagsToAdd({ [variable]: value }, []);
      expect(result).toHaveProperty("problem");
      expect((result as { problem: string }).problem).toContain(variable);
      expect((result as { problem: string }).problem).toContain(`"${value}"`);
    }
  });
});

describe("serve's malloc thresholds", () => {
  it("leaves glibc's thresholds alone unless told, then fixes both", () => {
    // Fixed at 128 KB they cost a page fault every 4 KB of each large block (heap-flags.ts).
    expect(mallocEnvironmentToAdd({})).toEqual({ environment: {} });
    expect(mallocEnvironmentToAdd({ CINELOG_MALLOC_THRESHOLD_KB: "128" })).toEqual({
      environment: { MALLOC_TRIM_THRESHOLD_: "131072", MALLOC_MMAP_THRESHOLD_: "131072" },
    });
    expect(mallocEnvironmentToAdd({ CINELOG_MALLOC_THRESHOLD_KB: "64" })).toEqual({
      environment: { MALLOC_TRIM_THRESHOLD_: "65536", MALLOC_MMAP_THRESHOLD_: "65536" },
    });
  });

  it('adds nothing for "default", nor when glibc was already told', () => {
    const none = { environment: {} };
    expect(mallocEnvironmentToAdd({ CINELOG_MALLOC_THRESHOLD_KB: "default" })).toEqual(none);
    // So the process started again with them, and cluster workers, add nothing.
    expect(mallocEnvironmentToAdd({ MALLOC_TRIM_THRESHOLD_: "131072" })).toEqual(none);
    expect(mallocEnvironmentToAdd({ MALLOC_MMAP_THRESHOLD_: "1048576" })).toEqual(none);
    expect(mallocEnvironmentToAdd({ GLIBC_TUNABLES: "glibc.malloc.mmap_threshold=65536" })).toEqual(
      none,
    );
  });

  it("refuses what is not a whole number of kilobytes in range", () => {
    for (const value of ["128KB", "2", "99999"]) {
      const result = mallocEnvironmentToAdd({ CINELOG_MALLOC_THRESHOLD_KB: value });
      expect(result).toHaveProperty("problem");
      expect((result as { problem: string }).problem).toContain("CINELOG_MALLOC_THRESHOLD_KB");
      expect((result as { problem: string }).problem).toContain(`"${value}"`);
    }
  });
});

// `cinelog export static DIR`: the whole public site as files any static host can serve,
// with a progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import { exportStaticSite } from "../exporters/static-site/export-static-site.ts";
import { TargetDirError } from "../exporters/static-site/target-dir.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar } from "./progress-bar.ts";

const usage = `Usage: cinelog export static DIR [--force] [--live URL]
  --force     empty DIR first if it has anything in it
  --live URL  a running Cinelog that takes comments and searches; the copy links to it`;

export async function exportStaticCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { force: { type: "boolean" }, live: { type: "string" } },
      allowPositionals: true,
    });
  } catch (error) {
    complain(io, `${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [dir, ...extra] = positionals;
  const liveUrl = values.live === undefined ? undefined : liveAddress(values.live);
  if (!dir || extra.length > 0 || liveUrl === null) {
    complain(io, usage);
    return 2;
  }
  const { db, config, logger } = await openCommandRuntime(io);
  if (!io.env.SITE_URL) {
    // The copy names its own address in feeds, the sitemap and canonical links.
    complain(
      io,
      `Note: SITE_URL is not set, so feeds, the sitemap and canonical links name ${config.siteUrl}. ` +
        "Set SITE_URL to the address the copy will be served at.",
    );
  }
  const onTerminal = io.stderr.isTTY;
  const draw = onTerminal ? progressBar(io.stderr) : undefined;
  try {
    const result = await exportStaticSite(
      { db, config, logger },
      {
        dir,
        force: values.force ?? false,
        liveUrl,
        ...(draw
          ? { onProgress: (p) => draw({ ...p, detail: `${p.done} of ${p.total} addresses` }) }
          : {}),
      },
    );
    if (onTerminal) io.stderr.write("\n");
    say(io, result.summary.toText(result.dir));
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    if (error instanceof TargetDirError) {
      complain(io, `Export failed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** An http(s) address without a trailing slash, or null when it is not one. */
function liveAddress(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

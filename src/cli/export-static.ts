// `cinelog export static DIR`: the whole public site as files any static host can serve,
// with a progress bar on a terminal and a summary at the end.
import { exportStaticSite } from "../exporters/static-site/export-static-site.ts";
import { TargetDirError } from "../exporters/static-site/target-dir.ts";
import { complain } from "./io.ts";
import { fileCommand } from "./file-command.ts";

export const exportStaticCommand = fileCommand({
  usage: `Usage: cinelog export static DIR [--force] [--live URL]
  --force     empty DIR first if it has anything in it
  --live URL  a running Cinelog that takes comments and searches; the copy links to it`,
  options: { force: { type: "boolean" }, live: { type: "string" } },
  explainParseErrors: true,
  args: ({ values, positionals: [dir, ...extra] }) => {
    const liveUrl = values.live === undefined ? undefined : liveAddress(values.live as string);
    if (!dir || extra.length > 0 || liveUrl === null) return undefined;
    return { dir, force: values.force === true, liveUrl };
  },
  async work({ args, runtime: { db, config, logger }, io, progress }) {
    if (!io.env.SITE_URL) {
      // The copy names its own address in feeds, the sitemap and canonical links.
      complain(
        io,
        `Note: SITE_URL is not set, so feeds, the sitemap and canonical links name ${config.siteUrl}. ` +
          "Set SITE_URL to the address the copy will be served at.",
      );
    }
    const result = await exportStaticSite(
      { db, config, logger },
      {
        ...args,
        ...(progress
          ? { onProgress: (p) => progress({ ...p, detail: `${p.done} of ${p.total} addresses` }) }
          : {}),
      },
    );
    return [result.summary.toText(result.dir)];
  },
  verb: "Export",
  knownFailure: (error) => (error instanceof TargetDirError ? error.message : undefined),
});

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

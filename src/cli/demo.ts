// `cinelog demo`: load the demo reviews, films and series into the database.
import { isEmptySite } from "../demo/empty-site.ts";
import { loadDemo } from "../demo/load-demo.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { demoProgress } from "./progress-bar.ts";

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { config, db } = await openCommandRuntime(io);
  try {
    if (!(await isEmptySite(db)) && !args.includes("--force")) {
      complain(
        io,
        "The site already has films; the demo is for an empty site. Use --force to add it anyway.",
      );
      return 1;
    }
    const summary = await loadDemo(db, config.mediaDir, demoProgress(io));
    say(
      io,
      `Loaded ${summary.reviews} reviews of ${summary.films} films and a series of ${summary.seriesEntries} entries.`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

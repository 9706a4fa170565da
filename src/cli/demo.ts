// `cinelog demo`: load the demo reviews, films and series into the database.
import { isEmptySite, loadDemo } from "../demo/load-demo.ts";
import { openRuntime } from "../runtime.ts";

export async function demoCommand(args: string[]): Promise<void> {
  const { config, db } = await openRuntime();
  try {
    if (!(await isEmptySite(db)) && !args.includes("--force")) {
      console.error(
        "The site already has films; the demo is for an empty site. Use --force to add it anyway.",
      );
      process.exitCode = 1;
      return;
    }
    const summary = await loadDemo(db, config.mediaDir);
    console.log(
      `Loaded ${summary.reviews} reviews of ${summary.films} films and a series of ${summary.seriesEntries} entries.`,
    );
  } finally {
    await db.close();
  }
}

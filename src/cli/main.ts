// The `cinelog` command: one entry point, one file per subcommand.
import { demoCommand } from "./demo.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";
import { migrateCommand } from "./migrate.ts";
import { serveCommand } from "./serve.ts";
import { userCommand } from "./user.ts";

const help = `cinelog — a self-hosted film journal

Commands:
  serve                 start the web server (migrates first; loads the demo into an empty site)
  migrate               bring the database schema up to date
  demo [--force]        load the demo reviews, films and series
  user add --email E --name N [--role R] [--password-stdin]
                        create an account (owner by default)
  import wordpress FILE.xml [--uploads DIR]
                        import a WordPress export (WXR): reviews, films, comments,
                        featured images (read from DIR, the old wp-content/uploads),
                        old addresses as redirects; running it again adds only what is new
  import letterboxd EXPORT.zip
                        import a Letterboxd export: diary, reviews, ratings, watched,
                        watchlist (as a series), likes and lists (as series)
  import json BACKUP.zip
                        restore a backup made by \`export json\` into an empty site
  export wxr [--out FILE.xml]
                        everything as a WordPress export (WXR 1.2), to import into WordPress
  export letterboxd [--out DIR]
                        the diary as Letterboxd's import CSV, in files under 1 MB
  export json --out BACKUP.zip
                        a complete backup: every record and every media file
  export static DIR     the whole public site as files, with working links, feeds and media

Configuration comes from the environment; see the README.`;

async function main(argv: string[]): Promise<void> {
  const [command = "serve", ...args] = argv;
  switch (command) {
    case "serve":
      return serveCommand();
    case "migrate":
      return migrateCommand();
    case "demo":
      return demoCommand(args);
    case "user":
      return userCommand(args);
    case "import":
      return importCommand(args);
    case "export":
      return exportCommand(args);
    case "help":
    case "--help":
    case "-h":
      console.log(help);
      return;
    default:
      console.error(`Unknown command: ${command}\n\n${help}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

// The `cinelog` command's dispatch: `run(argv, io)` returns the exit code, so tests call it
// in-process. Each command is imported only once it is chosen, so `--help` and a mistyped
// command answer without loading the database drivers, the web app or the importers.
import { complain, say, unexpectedFailure, type CliIo } from "./io.ts";

export const help = `cinelog — a self-hosted film journal

Commands:
  serve                 start the web server (migrates first; loads the demo into an empty site)
  serve --production    the same, refusing an unsafe configuration (also NODE_ENV=production)
  serve --workers N     N processes sharing the port (default: every core in production, else 1)
  migrate [--check]     bring the database schema up to date (--check: exit 1 if it is not)
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
  backup --to DIR [--keep N]
                        a checked JSON backup in DIR, keeping the newest N (14 by default)
  federation rotate-keys [--user NAME]
                        new key pairs for the blog's fediverse actor (or a writer's)

Configuration comes from the environment; see the README.`;

/** Runs one command; a failure the user can fix is a message and exit code 1, never a trace. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return unexpectedFailure(io, error);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command = "serve", ...args] = argv;
  switch (command) {
    case "serve":
      return (await import("./serve.ts")).serveCommand(args, io);
    case "migrate":
      return (await import("./migrate-command.ts")).migrateCommand(args, io);
    case "demo":
      return (await import("./demo.ts")).demoCommand(args, io);
    case "user":
      return (await import("./user.ts")).userCommand(args, io);
    case "import":
      return (await import("./import.ts")).importCommand(args, io);
    case "export":
      return (await import("./export.ts")).exportCommand(args, io);
    case "backup":
      return (await import("./backup.ts")).backupCommand(args, io);
    case "federation":
      return (await import("./federation-command.ts")).federationCommand(args, io);
    case "help":
    case "--help":
    case "-h":
      say(io, help);
      return 0;
    default:
      complain(io, `Unknown command: ${command}\n\n${help}`);
      return 2;
  }
}

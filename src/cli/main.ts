// The `cinelog` command: one entry point, one file per subcommand.
import { demoCommand } from "./demo.ts";
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

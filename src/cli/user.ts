// `cinelog user add --email E --name N [--role owner] [--password-stdin]`
// `cinelog user password EMAIL`: a new password, asked twice without echo on a terminal, or
// one line read from standard input when piped.
import { createInterface } from "node:readline/promises";
import { Writable, type Readable } from "node:stream";
import { parseArgs } from "node:util";
import type { Role } from "../db/schema.ts";
import {
  createUser,
  passwordProblem,
  resetPassword,
  roles,
  UserInputError,
} from "../domain/users.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

const usage =
  "Usage: cinelog user add --email EMAIL --name NAME [--role owner|editor|author|contributor] [--password-stdin]\n" +
  "       cinelog user password EMAIL   (asks twice on a terminal; reads one line when piped)";

export async function userCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === "password") return passwordCommand(rest, io);
  if (action !== "add") {
    complain(io, usage);
    return 2;
  }
  const { values } = parseArgs({
    strict: true,
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "owner" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const email = values.email?.trim() ?? "";
  const name = values.name?.trim() ?? "";
  const missing = [
    email ? "" : "--email (the address the account signs in with)",
    name ? "" : "--name (the name shown on what the account writes)",
  ].filter(Boolean);
  if (missing.length > 0) {
    complain(io, `Missing ${missing.join(" and ")}.\n${usage}`);
    return 2;
  }
  if (!roles.includes(values.role as Role)) {
    complain(io, `Unknown role "${values.role}": use one of ${roles.join(", ")}.\n${usage}`);
    return 2;
  }
  const password = values["password-stdin"] ? await readAll(io.stdin) : await askPassword(io);
  const { db } = await openCommandRuntime(io);
  try {
    const user = await createUser(db, {
      email,
      displayName: name,
      role: values.role as Role,
      password,
    });
    say(io, `Created ${user.role} ${user.display_name} <${user.email}>.`);
    return 0;
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    complain(io, error.message);
    return 1;
  } finally {
    await db.close();
  }
}

async function passwordCommand(args: string[], io: CliIo): Promise<number> {
  const email = args[0]?.trim().toLowerCase() ?? "";
  if (args.length !== 1 || !email) {
    complain(io, `Give the account's email address.\n${usage}`);
    return 2;
  }
  const { db } = await openCommandRuntime(io);
  try {
    const user = await db.kysely
      .selectFrom("users")
      .select(["id", "email"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (!user) {
      complain(io, `There is no account for ${email}.`);
      return 2;
    }
    let password: string;
    if (isTerminal(io.stdin)) {
      password = await askHidden(io, "New password (at least 10 characters): ");
      const weak = passwordProblem(password);
      if (weak) {
        complain(io, weak);
        return 2;
      }
      if ((await askHidden(io, "The same password again: ")) !== password) {
        complain(io, "The two passwords are not the same; nothing changed.");
        return 2;
      }
    } else {
      password = await readFirstLine(io.stdin);
    }
    const weak = passwordProblem(password);
    if (weak) {
      complain(io, `${weak} Nothing changed.`);
      return 2;
    }
    await resetPassword(db, user.id, password);
    say(io, `New password set for ${user.email}; every session of the account has ended.`);
    return 0;
  } finally {
    await db.close();
  }
}

function isTerminal(input: Readable): boolean {
  return (input as Readable & { isTTY?: boolean }).isTTY === true;
}

/** One line from a terminal with nothing echoed: readline writes to a stream that drops it. */
async function askHidden(io: CliIo, prompt: string): Promise<string> {
  io.stdout.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: io.stdin, output: silent, terminal: true });
  try {
    return await rl.question("");
  } finally {
    rl.close();
    io.stdout.write("\n");
  }
}

async function readFirstLine(input: Readable): Promise<string> {
  return (await readAll(input)).split(/\r?\n/)[0] ?? "";
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function askPassword(io: CliIo): Promise<string> {
  return askHidden(io, "Password (at least 10 characters): ");
}

// `cinelog user add --email E --name N [--role owner] [--password-stdin]`
import { createInterface } from "node:readline/promises";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import type { Role } from "../db/schema.ts";
import { createUser, roles, UserInputError } from "../domain/users.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

const usage =
  "Usage: cinelog user add --email EMAIL --name NAME [--role owner|editor|author|contributor] [--password-stdin]";

export async function userCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
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

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function askPassword(io: CliIo): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
  try {
    return await rl.question("Password (at least 10 characters): ");
  } finally {
    rl.close();
  }
}

// `cinelog user add --email E --name N [--role owner] [--password-stdin]`
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { Role } from "../db/schema.ts";
import { createUser, roles, UserInputError } from "../domain/users.ts";
import { openRuntime } from "../runtime.ts";

const usage =
  "Usage: cinelog user add --email EMAIL --name NAME [--role owner|editor|author|contributor] [--password-stdin]";

export async function userCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== "add") {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "owner" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  if (!values.email || !roles.includes(values.role as Role)) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const password = values["password-stdin"] ? await readStdin() : await askPassword();
  const { db } = await openRuntime();
  try {
    const user = await createUser(db, {
      email: values.email,
      displayName: values.name ?? values.email,
      role: values.role as Role,
      password,
    });
    console.log(`Created ${user.role} ${user.display_name} <${user.email}>.`);
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function askPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question("Password (at least 10 characters): ");
  } finally {
    rl.close();
  }
}

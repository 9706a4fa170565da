// `cinelog federation rotate-keys [--user NAME]`: replaces the RSA and Ed25519 key pairs of
// the blog's actor, or with --user of that writer's own actor (a key that may have leaked).
// Servers that cached the old key refetch the actor when a signature no longer verifies.
import { writerIdByUsername } from "../domain/federation/writer-actors.ts";
import { rotateKeyPairs } from "../federation/keys.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

const usage = "Usage: cinelog federation rotate-keys [--user NAME]";

export async function federationCommand(args: string[], io: CliIo): Promise<number> {
  const forWriter = args.length === 3 && args[1] === "--user";
  if (args[0] !== "rotate-keys" || (args.length !== 1 && !forWriter)) {
    complain(io, usage);
    return 2;
  }
  const { db } = await openCommandRuntime(io);
  try {
    if (!forWriter) {
      const at = await rotateKeyPairs(db);
      say(io, `New key pairs made at ${at}; the blog's actor now signs with them.`);
      return 0;
    }
    const username = args[2]!.replace(/^@/, "");
    const writerId = await writerIdByUsername(db, username);
    if (writerId === undefined) {
      complain(io, `No writer has the fediverse name ${username}.`);
      return 1;
    }
    const at = await rotateKeyPairs(db, writerId);
    say(io, `New key pairs made at ${at}; @${username}'s actor now signs with them.`);
    return 0;
  } finally {
    await db.close();
  }
}

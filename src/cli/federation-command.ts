// `cinelog federation rotate-keys`: replaces the blog actor's RSA and Ed25519 key pairs (a key
// that may have leaked). Servers that cached the old key refetch the actor when a signature
// no longer verifies with it.
import { rotateKeyPairs } from "../federation/keys.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

const usage = "Usage: cinelog federation rotate-keys";

export async function federationCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0] !== "rotate-keys") {
    complain(io, usage);
    return 2;
  }
  const { db } = await openCommandRuntime(io);
  try {
    const at = await rotateKeyPairs(db);
    say(io, `New key pairs made at ${at}; the blog's actor now signs with them.`);
    return 0;
  } finally {
    await db.close();
  }
}

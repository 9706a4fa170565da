// Flood limits, counted from the comments table itself so that every app instance sharing
// the database counts alike, with no extra state to keep.
import type { Db } from "../../db/connect.ts";

interface RateLimits {
  perIpPerMinute: number;
  perEmailPerHour: number;
}

const defaultRateLimits: RateLimits = { perIpPerMinute: 5, perEmailPerHour: 10 };

/** Which limit this submission would break, if any. */
export async function rateLimitExceeded(
  db: Db,
  who: { ip: string; email: string },
  nowMs: number,
  limits: RateLimits = defaultRateLimits,
): Promise<"ip" | "email" | undefined> {
  const since = (ms: number) => new Date(nowMs - ms).toISOString();
  const [byIp, byEmail] = await Promise.all([
    db.kysely
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("ip", "=", who.ip)
      .where("created_at", ">", since(60_000))
      .executeTakeFirstOrThrow(),
    db.kysely
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("author_email", "=", who.email.toLowerCase())
      .where("created_at", ">", since(3_600_000))
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(byIp.n) >= limits.perIpPerMinute) return "ip";
  if (Number(byEmail.n) >= limits.perEmailPerHour) return "email";
  return undefined;
}

// The lockout cannot be turned against the owner: an attacker hammering the owner's account
// from one address locks that address (and that pair), while the owner, signing in from
// another address at the same time, gets in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { addAccount, password, postForm, type App } from "./admin-client.ts";

describe.each(dialects)("sign-in lockout on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await addAccount(db, "owner");
    // One proxy in front: the client's address is the last X-Forwarded-For entry.
    app = appFor(db, { trustedProxyHops: 1 });
  });
  afterAll(async () => {
    await db.dispose();
  });

  const attempt = (from: string, secret: string, email = "owner@example.com") =>
    postForm(
      app,
      "/admin/sign-in",
      { email, password: secret },
      {
        headers: { "x-forwarded-for": from },
      },
    );

  it("lets the owner in from another address while an attacker hammers the form", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await attempt("203.0.113.9", `guess-${i}`)).status);
      // The owner signs in between the attacker's tries, and is never locked out.
      if (i % 4 === 3) expect((await attempt("198.51.100.7", password)).status).toBe(303);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
    // The attacker's pair stays locked, even with the right password.
    expect((await attempt("203.0.113.9", password)).status).toBe(429);
    // The owner's own failures from home count on their own.
    expect((await attempt("198.51.100.7", "typo")).status).toBe(401);
    expect((await attempt("198.51.100.7", password)).status).toBe(303);
  });

  it("still stops one address trying many accounts", async () => {
    for (let i = 0; i < 20; i++) {
      await attempt("192.0.2.44", "x", `guess${i}@example.com`);
    }
    expect((await attempt("192.0.2.44", password)).status).toBe(429);
    expect((await attempt("198.51.100.8", password)).status).toBe(303);
  });
});

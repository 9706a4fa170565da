// The site most admin HTTP tests start from: the fixture, the extra accounts a file needs, the
// app, and one account signed in with a form token. A database of its own per test file, so
// files never see each other's writes.
import { afterAll, beforeAll } from "vitest";
import type { Dialect } from "../../src/db/connect.ts";
import type { Role } from "../../src/db/schema.ts";
import { appFor } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { addAccount, csrfToken, signIn, type App } from "./admin-client.ts";

export interface AdminSite {
  db: TestDb;
  app: App;
  fixture: Awaited<ReturnType<typeof buildFixture>>;
  /** The session cookie and a form token of the account named by `signInAs`. */
  cookie: string;
  token: string;
}

export interface AdminSiteOptions {
  /** Accounts added beside the fixture's owner: a role, or a role and the e-mail's name. */
  accounts?: (Role | [Role, string])[];
  /** The fixture's owner is critic@example.com; an added account is `${name}@example.com`. */
  signInAs: string;
}

export function adminSite(dialect: Dialect, options: AdminSiteOptions): AdminSite {
  const site = {} as AdminSite;
  beforeAll(async () => {
    site.db = await openTestDb(dialect);
    site.fixture = await buildFixture(site.db);
    for (const account of options.accounts ?? []) {
      const [role, name] = typeof account === "string" ? [account] : account;
      await addAccount(site.db, role, name);
    }
    site.app = appFor(site.db);
    site.cookie = await signIn(site.app, options.signInAs);
    site.token = await csrfToken(site.app, site.cookie);
  });
  afterAll(async () => {
    await site.db.dispose();
  });
  return site;
}

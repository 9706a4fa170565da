// The admin dashboard's backup line: the owner sees the age of the last good backup, and a
// warning when there is none or it is more than a day old; other roles do not see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordBackup } from "../../src/domain/backup-runs.ts";
import { addAccount, getAs, signIn, type App } from "../admin/admin-client.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("the dashboard's last good backup on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    app = appFor(db);
    await addAccount(db, "owner", "boss");
    await addAccount(db, "author", "writer");
  });
  afterAll(() => db?.dispose());

  const backupLine = async (email: string) => {
    const { document } = await getAs(app, "/admin", await signIn(app, email));
    return document.querySelector("[data-backup-age]");
  };

  it("warns the owner while no backup exists, then shows the last one", async () => {
    const none = await backupLine("boss@example.com");
    expect(none?.getAttribute("data-backup-age")).toBe("none");
    expect(none?.textContent).toMatch("no backup has been recorded");

    await db.kysely
      .insertInto("backup_runs")
      .values({
        finished_at: "2020-01-01T00:00:00.000Z",
        file: "cinelog-backup-old.zip",
        bytes: 10,
      })
      .execute();
    const stale = await backupLine("boss@example.com");
    expect(stale?.getAttribute("data-backup-age")).toBe("stale");
    expect(stale?.textContent).toMatch("more than a day old");

    await recordBackup(db, "cinelog-backup-new.zip", 20);
    const fresh = await backupLine("boss@example.com");
    expect(fresh?.getAttribute("data-backup-age")).toBe("fresh");
    expect(fresh?.textContent).toMatch(
      "Last good backup: cinelog-backup-new.zip, less than an hour ago.",
    );
  });

  it("is not shown to an author", async () => {
    expect(await backupLine("writer@example.com")).toBeNull();
  });
});

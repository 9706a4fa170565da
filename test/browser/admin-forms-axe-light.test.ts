// Every admin page and form sent back with its mistakes, in the light scheme: zero axe-core
// violations and no request to another host (the walk is test/support/admin-forms-axe.ts).
import { describe, expect, it } from "vitest";
import { walkAdminPagesAndForms } from "../support/admin-forms-axe.ts";
import { browserSite } from "../support/browser-site.ts";

describe("the admin in a real browser (light)", () => {
  const site = browserSite({ demo: true });

  it("has no axe violations on any admin page or form", async () => {
    await walkAdminPagesAndForms(site, "light");
    expect(site.foreignRequests).toEqual([]);
  }, 120_000);
});

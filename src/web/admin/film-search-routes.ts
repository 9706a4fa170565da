// The films on record, as JSON, for the review editor's type-ahead (assets/review-editor.js).
// Signed-in writers only: the admin app's sign-in guard stands before it, and the role is
// checked here. Without a script the editor's own form does the same search (its Find button).
import type { Hono } from "hono";
import { filmChoices } from "../../domain/admin-overview.ts";
import { filmLabel } from "../../domain/films.ts";
import { can } from "../../domain/roles.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { adminRoute } from "../route-facts.ts";

/** Enough to choose from while typing; the plain select offers the rest. */
const maxResults = 20;

export function registerFilmSearchRoutes(admin: Hono<AdminEnv>, services: Services): void {
  admin.get("/films/search", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    if (!can(user, "write_reviews")) return c.json({ error: "forbidden" }, 403);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const films = q ? await filmChoices(services.db, q, maxResults) : [];
    c.header("Cache-Control", "private, no-store");
    return c.json({
      films: films.map((f) => ({ id: f.id, title: f.title, year: f.year, label: filmLabel(f) })),
    });
  });
}

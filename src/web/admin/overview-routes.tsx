// The dashboard and the list of reviews: where a writer lands, and what they can open.
import type { Hono } from "hono";
import { adminReviews, reviewCounts } from "../../domain/admin-overview.ts";
import { lastGoodBackup } from "../../domain/backup-runs.ts";
import { pendingCount } from "../../domain/comment-moderation.ts";
import { followerCounts } from "../../domain/federation/followers.ts";
import { can, scopeOf } from "../../domain/roles.ts";
import { nowIso } from "../../domain/time.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { currentCsrfToken, renderAdmin } from "./admin-page.ts";
import { dashboardNumbers } from "../../domain/stats/dashboard-numbers.ts";
import { DashboardStats } from "./views/dashboard-stats.tsx";
import { LastBackupNotice } from "./views/last-backup-notice.tsx";
import { DashboardPage, ReviewsListPage } from "./views/overview-pages.tsx";
import { adminRoute } from "../route-facts.ts";

export function registerOverviewRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  admin.get("/", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    const ownOnly = !can(user, "edit_all_reviews");
    const links: [string, string][] = [
      ["/admin/reviews/new", "Write a review"],
      ["/admin/reviews", ownOnly ? "Your reviews" : "All reviews"],
    ];
    const commentScope = scopeOf(user, "moderate_comments");
    let waiting: number | undefined;
    if (commentScope) {
      waiting = await pendingCount(db, commentScope === "own" ? user.id : undefined);
      links.push(["/admin/comments?status=pending", `Comments awaiting moderation: ${waiting}`]);
    }
    if (can(user, "manage_series")) links.push(["/admin/series", "Series"]);
    if (can(user, "manage_settings")) {
      const followers = await followerCounts(db);
      const held = followers.pending ? `, ${followers.pending} waiting for approval` : "";
      links.push(["/admin/fediverse", `Fediverse followers: ${followers.accepted}${held}`]);
      links.push(["/admin/settings", "Settings"]);
    }
    if (can(user, "manage_users")) links.push(["/admin/users", "Accounts"]);
    if (can(user, "run_imports"))
      links.push(["/admin/imports", "Import from WordPress or Letterboxd"]);
    return renderAdmin(
      c,
      services,
      { title: "Dashboard" },
      <>
        <DashboardPage
          name={user.display_name}
          counts={await reviewCounts(db, ownOnly ? user.id : undefined)}
          ownOnly={ownOnly}
          csrf={await currentCsrfToken(c, services)}
          links={links}
          numbers={
            <DashboardStats
              numbers={await dashboardNumbers(db, nowIso())}
              waitingComments={waiting}
            />
          }
        />
        {can(user, "manage_settings") && (
          <LastBackupNotice last={await lastGoodBackup(db)} now={nowIso()} />
        )}
      </>,
    );
  });

  admin.get("/reviews", adminRoute("signed-in"), async (c) => {
    const { user } = signedInUser(c);
    const ownOnly = !can(user, "edit_all_reviews");
    const rows = await adminReviews(db, ownOnly ? user.id : undefined);
    const reviews = rows.map((r) => ({
      ...r,
      editable: can(user, "edit_review", { authorId: r.authorId, status: r.status }),
    }));
    return renderAdmin(
      c,
      services,
      { title: "Reviews" },
      <ReviewsListPage reviews={reviews} ownOnly={ownOnly} now={nowIso()} />,
    );
  });
}

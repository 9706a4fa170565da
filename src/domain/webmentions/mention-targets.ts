// Which of our pages a Webmention is about, and which Webmentions a page of ours should send.
// Incoming: the target must be one of our public reviews, posts or pages, on our own origin.
// Outgoing: every link to another site in a public review's or post's body, queued when it is
// published or updated — and only when the owner turned "Send Webmentions" on.
import type { Db } from "../../db/connect.ts";
import { postSubject, reviewSubject, type CommentSubject } from "../comment-subjects.ts";
import { publishedPosts } from "../posts-public.ts";
import { postPath } from "../posts.ts";
import { publicReviewBySlug } from "../reviews.ts";
import { loadSettings } from "../settings.ts";
import { linkedAddresses } from "./html-links.ts";
import { queueMention } from "./webmention-queue.ts";

/** Links per page that get a Webmention; a page with more is a list, not a mention. */
const maxLinksPerPage = 50;

function parsePath(pathname: string): { kind: "review" | "post" | "page"; slug: string } | null {
  const match = /^\/(review|post|pages)\/([a-z0-9][a-z0-9-]{0,199})\/?$/i.exec(pathname);
  if (!match) return null;
  const kind = match[1] === "review" ? "review" : match[1] === "post" ? "post" : "page";
  return { kind, slug: match[2]!.toLowerCase() };
}

/** The public review or post at `target` on this site, or undefined. */
export async function subjectAtAddress(
  db: Db,
  siteUrl: string,
  target: URL,
  now: string,
): Promise<CommentSubject | undefined> {
  if (target.origin !== new URL(siteUrl).origin) return undefined;
  const path = parsePath(target.pathname);
  if (!path) return undefined;
  if (path.kind === "review") {
    const review = await publicReviewBySlug(db, path.slug, now);
    return review ? reviewSubject(review.id) : undefined;
  }
  const post = await publishedPosts(db, now)
    .select("posts.id")
    .where("posts.kind", "=", path.kind)
    .where("posts.slug", "=", path.slug)
    .executeTakeFirst();
  return post ? postSubject(post.id) : undefined;
}

/** A public review's or post's address and rendered body; undefined when not public. */
async function publicPage(
  db: Db,
  subject: CommentSubject,
  now: string,
): Promise<{ path: string; html: string } | undefined> {
  if (subject.kind === "review") {
    const row = await db.kysely
      .selectFrom("reviews")
      .select(["slug", "body_html", "status", "published_at"])
      .where("id", "=", subject.id)
      .executeTakeFirst();
    const isPublic =
      row &&
      (row.status === "published" || row.status === "scheduled") &&
      row.published_at !== null &&
      row.published_at <= now;
    return isPublic ? { path: `/review/${row.slug}`, html: row.body_html } : undefined;
  }
  const post = await publishedPosts(db, now)
    .select(["posts.kind", "posts.slug", "posts.body_html"])
    .where("posts.id", "=", subject.id)
    .executeTakeFirst();
  return post ? { path: postPath(post.kind, post.slug), html: post.body_html } : undefined;
}

/**
 * Queues a Webmention for every other site the page links to, and for every site it linked
 * to before (so a removed link is told too). Returns how many were queued; none when the
 * owner has not turned sending on or the page is not public. Called after every save of a
 * review or post (a save that leaves it a draft queues nothing).
 */
export async function queueOutgoingMentions(
  db: Db,
  siteUrl: string,
  subject: CommentSubject,
  now: Date = new Date(),
): Promise<number> {
  if (!(await loadSettings(db)).sendWebmentions) return 0;
  const page = await publicPage(db, subject, now.toISOString());
  if (!page) return 0;
  const source = new URL(page.path, siteUrl);
  const ours = source.origin;
  const linked = linkedAddresses(page.html, source).filter((a) => new URL(a).origin !== ours);
  const before = await db.kysely
    .selectFrom("webmentions")
    .select("target")
    .where("direction", "=", "out")
    .where("source", "=", source.href)
    .execute();
  const targets = new Set([...linked.slice(0, maxLinksPerPage), ...before.map((r) => r.target)]);
  for (const target of targets) {
    await queueMention(db, { direction: "out", source: source.href, target, subject }, now);
  }
  return targets.size;
}

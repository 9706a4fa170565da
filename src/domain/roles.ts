// What each role may do, with WordPress's meaning of the four roles:
//   owner        everything, including site settings and accounts (WordPress's administrator)
//   editor       every review, publishes anyone's; series and tags; no settings, no accounts
//   author       writes and publishes their own reviews, uploads stills for them
//   contributor  writes their own drafts; cannot publish or schedule, nor edit once published
// Every admin route asks `can` on the server; the admin pages only hide what it refuses.
import type { Review, ReviewStatus, Role, User } from "../db/schema.ts";

export type Capability =
  | "use_admin"
  | "write_reviews"
  | "edit_review"
  | "publish_review"
  | "edit_all_reviews"
  | "upload_stills"
  | "manage_series"
  | "manage_tags"
  /** Posts and pages that are not reviews (About, notes to readers): the site's own voice. */
  | "manage_posts"
  | "manage_settings"
  | "manage_users"
  /** Approve, spam, trash, edit and answer readers' comments; "own" = on one's own reviews. */
  | "moderate_comments"
  /** Import a WordPress or Letterboxd export from the admin: it creates accounts and content. */
  | "run_imports";

/** "any": on anyone's content; "own": only on content the user wrote. */
type Scope = "any" | "own";

const capabilityMap: Record<Role, Partial<Record<Capability, Scope>>> = {
  owner: {
    use_admin: "any",
    write_reviews: "any",
    edit_review: "any",
    publish_review: "any",
    edit_all_reviews: "any",
    upload_stills: "any",
    manage_series: "any",
    manage_tags: "any",
    manage_posts: "any",
    manage_settings: "any",
    manage_users: "any",
    moderate_comments: "any",
    run_imports: "any",
  },
  editor: {
    use_admin: "any",
    write_reviews: "any",
    edit_review: "any",
    publish_review: "any",
    edit_all_reviews: "any",
    upload_stills: "any",
    manage_series: "any",
    manage_tags: "any",
    manage_posts: "any",
    moderate_comments: "any",
  },
  author: {
    use_admin: "any",
    write_reviews: "any",
    edit_review: "own",
    publish_review: "own",
    upload_stills: "own",
    moderate_comments: "own",
  },
  contributor: {
    use_admin: "any",
    write_reviews: "any",
    edit_review: "own",
  },
};

/** The review a capability is asked about; omitted for a review not yet written. */
interface ReviewResource {
  authorId: number;
  status: ReviewStatus;
}

/** What `can` needs to know of a review row. */
export function reviewResource(review: Pick<Review, "author_id" | "status">): ReviewResource {
  return { authorId: review.author_id, status: review.status };
}

export function can(
  user: Pick<User, "id" | "role">,
  capability: Capability,
  review?: ReviewResource,
): boolean {
  const scope = capabilityMap[user.role]?.[capability];
  if (!scope) return false;
  if (!review || scope === "any") {
    return true;
  }
  if (review.authorId !== user.id) return false;
  // A contributor's work is theirs only until someone publishes or schedules it.
  if (user.role === "contributor" && capability === "edit_review") return review.status === "draft";
  return true;
}

/** How far a capability reaches for a role: lists use it to show only what may be acted on. */
export function scopeOf(user: Pick<User, "role">, capability: Capability): Scope | undefined {
  return capabilityMap[user.role]?.[capability];
}

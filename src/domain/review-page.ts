// Everything the review page shows, gathered in one place so the view never queries.
import type { Db } from "../db/connect.ts";
import type { Film, Still, Tag } from "../db/schema.ts";
import type { CommentThreadRow } from "./comment-pages.ts";
import type { ReactionCounts } from "./federation/reactions.ts";
import type { FilmCredit } from "./films.ts";
import type { Neighbour } from "./reviews.ts";
import { readReviewPage, type ShownReview } from "./review-page-read.ts";
import type { ShownUpNext } from "./review-up-next.ts";

export interface ReviewPageData {
  /** All but its Markdown source. */
  review: ShownReview;
  film: Film;
  credits: FilmCredit[];
  authorName: string;
  stills: Still[];
  tags: Tag[];
  /** The review's own list as its author wrote it, else its series' next films. */
  upNext: ShownUpNext | undefined;
  previous: Neighbour | undefined;
  next: Neighbour | undefined;
  /** Likes and boosts from the fediverse (who, only in the admin). */
  reactions: ReactionCounts;
  /** Ids and parents of its approved comments, for cutting its comment pages. */
  approvedComments: CommentThreadRow[];
}

export async function loadReviewPage(
  db: Db,
  slug: string,
  now: string,
): Promise<ReviewPageData | undefined> {
  // One statement for all of it (src/domain/review-page-read.ts): a round trip on PostgreSQL,
  // a Kysely build and compile on SQLite, were each dearer than the query they ran.
  const read = await readReviewPage(db, slug, now);
  if (!read?.film) return undefined;
  const { ownUpNext, seriesUpNext } = read;
  const upNext: ShownUpNext | undefined =
    ownUpNext.length > 0
      ? { source: "own", items: ownUpNext }
      : seriesUpNext && seriesUpNext.items.length > 0
        ? { source: "series", series: seriesUpNext.series, items: seriesUpNext.items }
        : undefined;
  return {
    review: read.review,
    film: read.film,
    credits: read.credits,
    authorName: read.authorName,
    stills: read.stills,
    tags: read.tags,
    upNext,
    previous: read.previous,
    next: read.next,
    reactions: read.reactions,
    approvedComments: read.approvedComments,
  };
}

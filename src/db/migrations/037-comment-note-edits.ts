// The site's own comments sent as Notes can be edited afterwards (issue 18): a moderator's
// correction must reach the fediverse as Update(Note), once per edit, and a reply to a remote
// Note must keep reaching that Note's author, even after the comment is gone.
//
// - sent_author_name / sent_body_html: what the fediverse last received, so a round finds the
//   comments whose words changed since and claims each change once (a compare-and-set on
//   these columns), whichever instance gets there first.
// - edited_at: when the last Update went out; the Note's `updated`, which Mastodon requires
//   before it applies an edit.
// - addressee_actor / addressee_inbox: the author of the remote Note answered, who is sent the
//   Create, every Update and the Delete besides the followers.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of [
    "sent_author_name",
    "sent_body_html",
    "edited_at",
    "addressee_actor",
    "addressee_inbox",
  ]) {
    await db.schema.alterTable("federation_comment_notes").addColumn(column, "text").execute();
  }
  // Notes sent before this migration: taken as sent with the words they have now.
  await sql`
    update federation_comment_notes set
      sent_author_name = (select author_name from comments where comments.id = federation_comment_notes.comment_id),
      sent_body_html = (select body_html from comments where comments.id = federation_comment_notes.comment_id)
  `.execute(db);
}

// The owner's fediverse page: whether the blog federates (and that doing so makes requests to
// other servers), its handle, approval of follows; the followers, held requests, and blocks;
// and the mentions of the blog that have no thread here to wait in.
import type { Block, Follower } from "../../../domain/federation/followers.ts";
import type { RecentReaction } from "../../../domain/federation/reactions.ts";
import type { LooseMention } from "../../../domain/federation/loose-mentions.ts";
import {
  Checkbox,
  Field,
  CsrfField,
  InputField,
  SelectField,
  SubmitRow,
  TextAreaField,
} from "./form-fields.tsx";
import { FormError, Notice } from "./form-messages.tsx";

/** What the avatar and header uploads offer to pick; the server checks the file itself. */
const imageTypes = "image/jpeg,image/png,image/webp,image/gif";

export interface FediverseValues {
  federationEnabled: boolean;
  federationSlug: string;
  federationApproveFollows: boolean;
  federationWriterActors: boolean;
  federationSendPosts: boolean;
  federationSendPages: boolean;
  federationAvatar: string;
  federationHeader: string;
  federationAlsoKnownAs: string;
}

/** `followed`: the local actor's handle this account follows (the blog's or a writer's). */
function FollowerRow(props: { follower: Follower; followed: string; csrf: string }) {
  const f = props.follower;
  return (
    <li>
      <a href={f.actor_uri} rel="nofollow noopener">
        {f.name ?? f.handle ?? f.actor_uri}
      </a>{" "}
      {f.handle ? <span class="hint">{f.handle}</span> : null}{" "}
      <span class="followed">follows {props.followed}</span>
      <form method="post" action="/admin/fediverse/followers" class="actions">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="id" value={String(f.id)} />
        {f.status === "pending" ? (
          <button type="submit" name="action" value="approve">
            Accept
          </button>
        ) : null}
        <button type="submit" name="action" value="remove">
          {f.status === "pending" ? "Refuse" : "Remove"}
        </button>
        <button type="submit" name="action" value="block-actor">
          Block this account
        </button>
        <button type="submit" name="action" value="block-server">
          Block {f.host}
        </button>
      </form>
    </li>
  );
}

export function FediversePage(props: {
  values: FediverseValues;
  handle: string;
  followers: Follower[];
  pending: Follower[];
  /** Writers' handles by user id, for followers of a writer's actor. */
  writerHandles: Map<number, string>;
  blocks: Block[];
  reactions: RecentReaction[];
  mentions: LooseMention[];
  slugError?: string | undefined;
  aliasError?: string | undefined;
  /** Stills the avatar and header may be: [media path, label]. */
  images: [string, string][];
  /** Why an uploaded avatar or header was refused. */
  imageErrors: { federationAvatar?: string; federationHeader?: string };
  movedTo: string;
  notice?: string | undefined;
  formError?: string | undefined;
  csrf: string;
}) {
  const v = props.values;
  const followed = (f: Follower) =>
    f.writer_id === 0 ? props.handle : (props.writerHandles.get(f.writer_id) ?? "a former writer");
  return (
    <section aria-labelledby="fediverse-title">
      <nav aria-label="Breadcrumb" class="hint">
        <a href="/admin/settings">Settings</a> › Fediverse
      </nav>
      <h1 id="fediverse-title">Fediverse</h1>
      <FormError error={props.formError} />
      <Notice text={props.notice} />
      <form
        method="post"
        action="/admin/fediverse"
        class="admin-form"
        enctype="multipart/form-data"
      >
        <CsrfField token={props.csrf} />
        <Checkbox
          id="federationEnabled"
          label="Publish to the fediverse (ActivityPub)"
          checked={v.federationEnabled}
          hint={`Mastodon and similar servers can follow the blog as ${props.handle}. On, this site makes requests to those servers: it fetches their accounts and delivers each new review to them. Off, nothing is sent and the blog is not found there.`}
        />
        <InputField
          id="federationSlug"
          label="Handle"
          hint="The part before the host: lower-case letters, digits and underscores, up to 30."
          error={props.slugError}
          size={30}
          value={v.federationSlug}
        />
        <Checkbox
          id="federationApproveFollows"
          label="Approve each follower"
          checked={v.federationApproveFollows}
          hint="Follow requests wait below until you accept them (the blog's and writers' alike)."
        />
        <Checkbox
          id="federationWriterActors"
          label="Writers may have fediverse accounts of their own"
          checked={v.federationWriterActors}
          hint="Each writer turns theirs on in their account; their reviews are then attributed to it and its followers receive them. Off, no writer's account is found or followed."
        />
        <Checkbox
          id="federationSendPosts"
          label="Send posts too"
          checked={v.federationSendPosts}
          hint="Posts that are not reviews go to followers as well, from when you turn this on (ones already public are not sent)."
        />
        <Checkbox
          id="federationSendPages"
          label="Send pages too"
          checked={v.federationSendPages}
          hint="Pages (About and the like) go to followers as well, from when you turn this on."
        />
        <SelectField
          id="federationAvatar"
          label="Avatar"
          hint="A still from one of your reviews, shown beside the blog's name."
          value={v.federationAvatar}
          options={props.images}
          placeholder="None"
        />
        <Field
          id="federationAvatarUpload"
          label="Or upload an avatar"
          hint="JPEG, PNG, WebP or GIF; cropped to a square of 400 pixels. It replaces the choice above."
          error={props.imageErrors.federationAvatar}
        >
          {(aria) => (
            <input {...aria} type="file" name="federationAvatarUpload" accept={imageTypes} />
          )}
        </Field>
        <SelectField
          id="federationHeader"
          label="Header image"
          hint="A still shown across the top of the blog's profile."
          value={v.federationHeader}
          options={props.images}
          placeholder="None"
        />
        <Field
          id="federationHeaderUpload"
          label="Or upload a header image"
          hint="JPEG, PNG, WebP or GIF; cropped to 1500 × 500 pixels. It replaces the choice above."
          error={props.imageErrors.federationHeader}
        >
          {(aria) => (
            <input {...aria} type="file" name="federationHeaderUpload" accept={imageTypes} />
          )}
        </Field>
        <TextAreaField
          id="federationAlsoKnownAs"
          label="Earlier accounts (also known as)"
          hint="If the blog's followers are to move here from another account, give that account's address (https://…), one a line; then start the move from the old account."
          error={props.aliasError}
          rows={3}
          value={v.federationAlsoKnownAs}
        />
        <SubmitRow label="Save fediverse settings" />
      </form>
      {props.movedTo ? (
        <p>
          The blog's account has moved to <a href={props.movedTo}>{props.movedTo}</a>.{" "}
          <a href="/admin/fediverse/move/undo">Undo the move…</a>
        </p>
      ) : (
        <p>
          <a href="/admin/fediverse/move">Move the blog's account to another one…</a>
        </p>
      )}

      {props.pending.length > 0 ? (
        <>
          <h2>Waiting for your approval ({props.pending.length})</h2>
          <ul class="followers">
            {props.pending.map((f) => (
              <FollowerRow follower={f} followed={followed(f)} csrf={props.csrf} />
            ))}
          </ul>
        </>
      ) : null}

      <h2>Followers ({props.followers.length})</h2>
      {props.followers.length === 0 ? <p>No followers yet.</p> : null}
      <ul class="followers">
        {props.followers.map((f) => (
          <FollowerRow follower={f} followed={followed(f)} csrf={props.csrf} />
        ))}
      </ul>

      <h2>Likes and boosts</h2>
      <p class="hint">Readers see only how many; who is listed here, for you.</p>
      {props.reactions.length === 0 ? <p>None yet.</p> : null}
      <ul class="reactions">
        {props.reactions.map((r) => (
          <li>
            <a href={r.actorUri} rel="nofollow noopener">
              {r.actorUri}
            </a>{" "}
            {r.kind === "like" ? "liked" : "boosted"}{" "}
            <a href={`/review/${r.reviewSlug}`}>
              {r.filmYear ? `${r.filmTitle} (${r.filmYear})` : r.filmTitle}
            </a>
          </li>
        ))}
      </ul>

      <h2>Mentions</h2>
      <p class="hint">
        Posts that mention the blog without replying to or linking one of its reviews. Replies and
        mentions of a review wait in the comment queue instead.
      </p>
      {props.mentions.length === 0 ? <p>No mentions.</p> : null}
      <ul class="fediverse-mentions">
        {props.mentions.map((m) => (
          <li>
            <a href={m.url} rel="nofollow noopener">
              {m.author_name}
            </a>{" "}
            {m.author_handle ? <span class="hint">{m.author_handle}</span> : null}
            {/* Cut down to the comment subset when it arrived (sanitizeCommentHtml). */}
            <div class="comment-content" dangerouslySetInnerHTML={{ __html: m.body_html }} />
          </li>
        ))}
      </ul>

      <h2>Blocked</h2>
      <form method="post" action="/admin/fediverse/blocks" class="admin-form">
        <CsrfField token={props.csrf} />
        <InputField
          id="block"
          label="Block an account (its address) or a whole server (its host name)"
          hint="For example https://example.social/users/someone, or example.social."
          size={50}
          value=""
        />
        <SubmitRow label="Block" plain />
      </form>
      {props.blocks.length === 0 ? <p>Nobody is blocked.</p> : null}
      <ul>
        {props.blocks.map((b) => (
          <li>
            {b.kind === "server" ? "Server" : "Account"} {b.value}
            <form method="post" action="/admin/fediverse/blocks" class="actions">
              <CsrfField token={props.csrf} />
              <input type="hidden" name="unblock" value={String(b.id)} />
              <button type="submit">Unblock</button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

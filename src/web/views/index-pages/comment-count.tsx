// "12 comments" on a review in a listing, linking to the comments on its page. A review with
// none shows nothing: "No comments" on every new review would be noise, not news.
export function CommentCountLink(props: { count: number; reviewSlug: string; label: string }) {
  if (props.count <= 0) return null;
  return (
    <a class="comment-count" href={`/review/${props.reviewSlug}#comments`}>
      {props.count === 1 ? "1 comment" : `${props.count} comments`}
      {/* Several "3 comments" links on one page: a screen reader's list of links tells them apart. */}
      <span class="visually-hidden"> on {props.label}</span>
    </a>
  );
}

// The only changes made to what the app serves, for the two things a static copy cannot do:
//
// 1. Take comments. A review page's form posts to `/review/slug/comments`, which a static
//    host cannot answer; pointing it at a live server does not work either, because the
//    server turns away a comment sent from another site's page (see isCrossSite in
//    reader-comment-routes.tsx) and its form token expires within hours. So the form, its script
//    and the "Reply" links go, and a note takes their place; with `liveUrl` (a running
//    Cinelog) the note links to the review there, where replies are taken. The comments
//    already published stay.
// 2. Search. `/search?q=…` needs the database. The search page is kept (every page links
//    to it) but says so; with `liveUrl` its form searches the live site instead.
// 3. Receive Webmentions. A review's or post's head names the endpoint that takes them
//    (`<link rel="webmention">`); a static host cannot, and the live server refuses mentions
//    of addresses that are not its own, so the link goes from every page.
//
// Every other page is written byte for byte as the app serves it. The rewrites look for
// the app's own markup and fail loudly if it changes, rather than leave a dead form behind.
import { commentReplyScript } from "../../web/assets/assets.ts";
import { escapeAttribute } from "./escape-html.ts";

interface RewriteOptions {
  /** A running Cinelog that still takes comments and searches, if there is one. */
  liveUrl?: string | undefined;
}

class RewriteError extends Error {}

const reviewPath = /^\/review\/([a-z0-9-]+)$/;

/** The page as it is written to the static copy. */
export function rewriteForStaticCopy(
  sitePath: string,
  html: string,
  options: RewriteOptions,
): string {
  const review = reviewPath.exec(sitePath);
  if (review?.[1]) {
    const page = withoutWebmentionLink(html);
    if (page === html)
      throw new RewriteError(`The Webmention link on ${sitePath} has changed shape`);
    return withoutCommentForm(page, review[1], options);
  }
  html = withoutWebmentionLink(html);
  if (sitePath === "/search") return staticSearchPage(html, options);
  return html;
}

// As WebmentionLink (web/public/webmention-routes.tsx) renders it.
const webmentionLink = /<link rel="webmention" href="[^"]*"\/?>/;

function withoutWebmentionLink(html: string): string {
  return html.replace(webmentionLink, "");
}

const respondStart = '<div id="respond" class="comment-respond">';
// The reply script follows the form directly (see comments-section.tsx).
const respondEnd = `<script src="${commentReplyScript.path}" defer=""></script>`;
const replyLinks = /<p class="reply"><a class="comment-reply-link"[^>]*>Reply<\/a><\/p>/g;

function withoutCommentForm(html: string, slug: string, options: RewriteOptions): string {
  const start = html.indexOf(respondStart);
  // Comments closed: the app already shows no form and no reply links.
  if (start === -1) return html;
  const end = html.indexOf(respondEnd, start);
  if (end === -1) {
    throw new RewriteError(`The comment form on /review/${slug} has changed shape`);
  }
  const note = options.liveUrl
    ? `<p class="comments-closed" id="respond">This is a static copy of the site. ` +
      `<a href="${escapeAttribute(`${options.liveUrl}/review/${slug}#respond`)}">` +
      `Reply on the live site</a>.</p>`
    : `<p class="comments-closed" id="respond">This is a static copy of the site: it takes no new comments.</p>`;
  return html.slice(0, start).replace(replyLinks, "") + note + html.slice(end + respondEnd.length);
}

const searchFormStart = '<form class="search-form" method="get" action="/search" role="search">';
const searchStatus = '<p class="search-status">Type a word or two above to search the reviews.</p>';

function staticSearchPage(html: string, options: RewriteOptions): string {
  const form = html.indexOf(searchFormStart);
  const status = html.indexOf(searchStatus);
  if (form === -1 || status === -1) {
    throw new RewriteError("The search page has changed shape");
  }
  if (options.liveUrl) {
    const action = escapeAttribute(`${options.liveUrl}/search`);
    return html
      .replace(searchFormStart, searchFormStart.replace('action="/search"', `action="${action}"`))
      .replace(
        searchStatus,
        '<p class="search-status">This is a static copy of the site: searches run on the live site.</p>',
      );
  }
  const note =
    '<p class="search-status">This is a static copy of the site, and searching needs the live site. ' +
    'Browse the <a href="/archive">archive</a>, the <a href="/directors">directors</a>, ' +
    'the <a href="/years">years</a> or the <a href="/tags">tags</a> instead.</p>';
  // The form and the prompt under it go; the heading and the rest of the page stay.
  return html.slice(0, form) + note + html.slice(status + searchStatus.length);
}

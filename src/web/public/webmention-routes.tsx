// The Webmention endpoint (W3C Webmention): other sites tell us at POST /webmention that a page
// of theirs links to one of our reviews, posts or pages. It comes from other sites, so it
// carries no CSRF token; instead it is validated (our public page as target, an http(s) page
// elsewhere as source), limited per source host, and only queued here: the worker
// (src/webmention/worker.ts) fetches and checks the source later, so a slow or hostile site
// never holds a request. Every review, post and page advertises the endpoint in a Link header
// (here) and a <HeadLink rel="webmention"> in its head (WebmentionLink, below).
import type { Context, Hono } from "hono";
import { nowIso } from "../../domain/time.ts";
import { subjectAtAddress } from "../../domain/webmentions/mention-targets.ts";
import { queueMention, recentMentionsFrom } from "../../domain/webmentions/webmention-queue.ts";
import { liveOnly } from "../route-facts.ts";
import type { Services } from "../services.ts";
import { HeadLink } from "../views/head-link.ts";

const webmentionPath = "/webmention";
/** Incoming mentions one site may send in an hour. */
export const mentionsPerHostPerHour = 30;
const maxUrlLength = 2048;

function webmentionEndpoint(siteUrl: string): string {
  return new URL(webmentionPath, siteUrl).href;
}

function httpUrl(raw: unknown): URL | undefined {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > maxUrlLength) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function refuse(c: Context, message: string, status: 400 | 429 = 400) {
  c.header("Cache-Control", "no-store");
  return c.text(message, status);
}

/**
 * Behind the page cache: the Link header goes on the rendered page, and the cache keeps it
 * for every hit (src/web/cache/page-cache.ts).
 */
export function advertiseWebmentionEndpoint(app: Hono, services: Services): void {
  const endpoint = webmentionEndpoint(services.config.siteUrl);
  app.use("*", async (c, next) => {
    await next();
    if (c.req.method === "GET" && /^\/(review|post|pages)\//.test(c.req.path)) {
      c.res.headers.append("Link", `<${endpoint}>; rel="webmention"`);
    }
  });
}

/**
 * The endpoint's GET says what it is for: a plain file, also in the static copy, whose pages
 * name the endpoint in their head. Its POST needs a live server and is never cached.
 */
export function registerWebmentionRoutes(app: Hono, services: Services): void {
  const { db, config } = services;

  app.get(webmentionPath, liveOnly(), (c) =>
    c.text(
      "This is the Webmention endpoint of this site: POST source and target " +
        "(application/x-www-form-urlencoded) to tell it that your page links to one of ours.",
    ),
  );

  app.post(webmentionPath, liveOnly(), async (c) => {
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      return refuse(c, "Send source and target as application/x-www-form-urlencoded.");
    }
    const form = await c.req.parseBody();
    const source = httpUrl(form.source);
    const target = httpUrl(form.target);
    if (!source) return refuse(c, "The source must be an http or https address.");
    if (!target) return refuse(c, "The target must be an http or https address.");
    if (source.href === target.href) return refuse(c, "The source and target must differ.");
    if (source.origin === new URL(config.siteUrl).origin) {
      return refuse(c, "The source must be a page on another site.");
    }
    const subject = await subjectAtAddress(db, config.siteUrl, target, nowIso());
    if (!subject) {
      return refuse(c, "The target is not a published review, post or page of this site.");
    }
    const now = new Date();
    if ((await recentMentionsFrom(db, source.hostname, now)) >= mentionsPerHostPerHour) {
      c.header("Retry-After", "3600");
      return refuse(c, "Too many Webmentions from this site: try again in an hour.", 429);
    }
    await queueMention(
      db,
      { direction: "in", source: source.href, target: target.href, subject },
      now,
    );
    c.header("Cache-Control", "no-store");
    return c.text("Accepted: the source will be checked, then the mention moderated.", 202);
  });
}

/** The endpoint in a page's head. */
export function WebmentionLink(props: { siteUrl: string }) {
  return <HeadLink rel="webmention" href={webmentionEndpoint(props.siteUrl)} />;
}

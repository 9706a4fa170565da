// Old addresses (WordPress permalinks of imported posts) answer with a 301 to their pages
// here. They are looked up only where nothing else answers: on a path no route matches,
// and on the home page when asked for a post by number (`/?p=12`), as WordPress was.
import type { Hono } from "hono";
import { redirectFor, redirectKey } from "../../domain/redirects.ts";
import type { Services } from "../services.ts";

export async function movedTo(request: Request, services: Services): Promise<string | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const url = new URL(request.url);
  let path: string;
  try {
    path = decodeURI(url.pathname);
  } catch {
    return undefined;
  }
  return redirectFor(services.db, redirectKey(path, url.searchParams));
}

export function registerRedirectRoutes(app: Hono, services: Services): void {
  app.use("/", async (c, next) => {
    if (!c.req.query("p") && !c.req.query("page_id")) return next();
    const target = await movedTo(c.req.raw, services);
    return target ? c.redirect(target, 301) : next();
  });
}

// Feeds (RSS 2.0, Atom, JSON Feed), sitemap.xml and robots.txt.
import type { Hono } from "hono";
import type { Services } from "../services.ts";

export function registerFeedRoutes(_app: Hono, _services: Services): void {}

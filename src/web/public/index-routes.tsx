// Index pages: archive by date, directors A–Z, years and decades, ratings, tags.
import type { Hono } from "hono";
import type { Services } from "../services.ts";

export function registerIndexRoutes(_app: Hono, _services: Services): void {}

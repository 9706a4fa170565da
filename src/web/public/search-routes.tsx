// Full-text search at /search?q=.
import type { Hono } from "hono";
import type { Services } from "../services.ts";

export function registerSearchRoutes(_app: Hono, _services: Services): void {}

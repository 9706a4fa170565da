// "Leave a Reply": posting comments under a review.
import type { Hono } from "hono";
import type { Services } from "../services.ts";

export function registerCommentRoutes(_app: Hono, _services: Services): void {}

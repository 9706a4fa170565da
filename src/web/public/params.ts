// Route parameters parsed at the edge: a bad one is a 404, never an error.
import { z } from "zod";

const pageNumber = z.coerce.number().int().min(1).max(100_000);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);

export function parsePage(raw: string | undefined): number | undefined {
  if (raw === undefined) return 1;
  const parsed = pageNumber.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function parseSlug(raw: string): string | undefined {
  const parsed = slug.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

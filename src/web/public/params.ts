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

/** The largest id either database stores (a 32-bit integer); larger numbers name nothing. */
export const largestId = 2 ** 31 - 1;

/** A record id from a form or query: digits naming a possible row, else undefined. */
export function parseId(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= largestId ? id : undefined;
}

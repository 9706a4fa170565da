// Route parameters parsed at the edge: a bad one is a 404, never an error.
import { z } from "zod";

// Digits without a leading zero: one spelling per page, so one address per page.
const pageNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);

export function parsePage(raw: string | undefined): number | undefined {
  if (raw === undefined) return 1;
  const parsed = pageNumber.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Where a `/page/1` address should go instead: the listing's own address, since page 1 has
 * only one. Undefined for any other page.
 */
export function firstPageRedirect(path: string, raw: string | undefined): string | undefined {
  if (raw !== "1") return undefined;
  return path.replace(/\/page\/1\/?$/, "") || "/";
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

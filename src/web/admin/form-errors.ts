// Zod's issues as the admin forms show them: one message per field, beside it. A field can
// fail several rules at once; the first one zod reports is the one worth fixing first.
import type { z } from "zod";

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function fieldErrors<K extends string>(error: z.ZodError): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) errors[issue.path[0] as K] ??= issue.message;
  return errors;
}

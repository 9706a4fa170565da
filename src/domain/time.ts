// Every stored time is an ISO-8601 UTC string with milliseconds, so that string order is
// time order on both databases.
export function toIso(date: Date | string | number): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a valid time: ${String(date)}`);
  return d.toISOString();
}

export function nowIso(): string {
  return new Date().toISOString();
}

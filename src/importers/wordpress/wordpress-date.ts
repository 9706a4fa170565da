// WordPress writes dates without a zone: `_gmt` fields in UTC, the others in the site's.

/** WordPress dates are `YYYY-MM-DD HH:MM:SS`; `0000-00-00 …` means "never". */
export function wordpressDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match || match[1] === "0000") return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// Text from outside — form fields, addresses, imported files — is cleaned once, where it
// comes in, so that both databases store the same thing: PostgreSQL refuses a NUL in text
// (the request would end in an error and the reader's words be lost) while SQLite keeps it,
// and control characters or half a surrogate pair are never anything a person meant.

// C0 controls but tab and line feed (CR is turned into LF first), DEL, the C1 controls, and
// surrogates with no partner. Matching control characters is the point of these patterns.
const unwanted =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Cheap test first: almost all text has none of these, and is returned as it is.
// eslint-disable-next-line no-control-regex
const suspect = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]/;

/**
 * The text with line ends made `\n` (from `\r\n` or a lone `\r`) and every control character
 * other than tab and newline, and every lone surrogate, removed. Idempotent; everything
 * else — letters, emoji, white space, line breaks — is kept exactly.
 */
export function cleanText(text: string): string {
  if (!suspect.test(text)) return text;
  return text.replace(/\r\n?/g, "\n").replace(unwanted, "");
}

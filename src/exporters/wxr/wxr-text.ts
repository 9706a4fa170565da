// The small print of writing WXR by hand: CDATA sections that survive any text, element
// text escaped, and dates the way WordPress writes them.
import { escapeXmlText } from "../../feeds/xml.ts";

// XML 1.0 cannot carry most control characters, lone surrogates, U+FFFE or U+FFFF, not
// even in CDATA: they are dropped, or one stray character would make the file unreadable.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text in a CDATA section; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(notXmlChar, "").replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** Text as element content, escaped (for short values: ids, slugs, addresses). */
export function text(value: string | number): string {
  return escapeXmlText(String(value));
}

/** `<name>text</name>`, escaped. */
export function tag(name: string, value: string | number): string {
  return `<${name}>${text(value)}</${name}>`;
}

/** `<name><![CDATA[text]]></name>`. */
export function cdataTag(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

/** An ISO time as WordPress writes it, `2012-03-04 21:05:00` (UTC here); empty → "never". */
export function wordpressTime(iso: string | null): string {
  if (!iso) return "0000-00-00 00:00:00";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "0000-00-00 00:00:00";
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** The RSS `pubDate` form, `Mon, 05 Mar 2012 21:00:00 +0000`. */
export function rssTime(iso: string | null): string {
  const date = iso ? new Date(iso) : new Date(0);
  return date.toUTCString().replace("GMT", "+0000");
}

/** Text as HTML, for the few lines the export writes into a post itself. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

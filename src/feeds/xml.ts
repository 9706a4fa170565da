// A tiny XML writer for feeds and the sitemap. Every string is escaped on the way in, so
// markup can only come from `el`: a hostile title or tag name stays text.
//
// Why not the `feed` package's serialiser: it puts Atom titles in CDATA marked type="html"
// (so a title like `<b>` is read as markup), escapes only the first `]]>` of a CDATA
// section, writes `<` unescaped into attributes and turns a literal `&amp;` into `&`.

const xmlMarker = Symbol("xml");

/** Serialised XML, as opposed to a plain string that still needs escaping. */
interface Xml {
  readonly [xmlMarker]: string;
}

type XmlChild = Xml | string | number | null | undefined | false;

// XML 1.0 cannot carry most control characters, lone surrogates, U+FFFE or U+FFFF at all,
// not even escaped: one stray character pasted into a review would make the whole feed
// unreadable, so they are dropped.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// The same test without the Unicode flag, which is many times faster over a full review: a
// surrogate (an emoji, valid when paired) only sends the text through the exact pattern.
// eslint-disable-next-line no-control-regex
const maybeNotXmlChar = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const markupChar = /[&<>]/g;
// Line breaks and tabs in attributes would be folded to spaces by attribute normalisation.
const attributeChar = /[&<>"\t\n\r]/g;
const entityOf: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};
const entity = (c: string) => entityOf[c] ?? c;

function withoutInvalidChars(value: string): string {
  return maybeNotXmlChar.test(value) ? value.replace(notXmlChar, "") : value;
}

export function escapeXmlText(value: string): string {
  return withoutInvalidChars(value).replace(markupChar, entity);
}

export function escapeXmlAttribute(value: string): string {
  return withoutInvalidChars(value).replace(attributeChar, entity);
}

function isXml(child: XmlChild): child is Xml {
  return typeof child === "object" && child !== null && xmlMarker in child;
}

function serialise(child: XmlChild): string {
  if (child === null || child === undefined || child === false) return "";
  return isXml(child) ? child[xmlMarker] : escapeXmlText(String(child));
}

/**
 * An element. Attributes that are undefined are left out. Children that are elements go on
 * lines of their own for readability; text is kept exactly as given.
 */
export function el(
  name: string,
  attributes: Record<string, string | number | undefined> | null,
  ...children: XmlChild[]
): Xml {
  let attrs = "";
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) attrs += ` ${key}="${escapeXmlAttribute(String(value))}"`;
  }
  const present = children.filter((c) => c !== null && c !== undefined && c !== false);
  if (present.length === 0) return { [xmlMarker]: `<${name}${attrs}/>` };
  const allElements = present.every(isXml);
  // Concatenated rather than joined: a feed nests its full reviews three elements deep, and
  // join() would copy every one of them again at each level.
  let body = "";
  for (const child of present) body += allElements ? `\n${serialise(child)}` : serialise(child);
  if (allElements) body += "\n";
  return { [xmlMarker]: `<${name}${attrs}>${body}</${name}>` };
}

export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root[xmlMarker]}\n`;
}

// NUL is dropped from every text and attribute (withoutInvalidChars), so in a document it can
// only be the placeholder.
const placeholderText = "\u0000";

/** Stands, among an element's children, for the elements `xmlDocumentInParts` puts there. */
export function placeholder(): Xml {
  return { [xmlMarker]: placeholderText };
}

/**
 * The document whose root holds `placeholder()` with `elements` in its place, as pieces that
 * concatenate to exactly what `el` would have written with them as children there: each
 * element's text is the very string it holds, never copied, so a reader of the pieces can
 * tell an element kept from before by reference (src/feeds/feed-bytes.ts). The placeholder
 * must be left out when there are no elements (`el` writes no separator for none).
 */
export function xmlDocumentInParts(root: Xml, elements: Xml[]): string[] {
  const text = xmlDocument(root);
  const at = text.indexOf(placeholderText);
  if (at < 0) return [text];
  const parts = [text.slice(0, at)];
  elements.forEach((element, i) => {
    if (i > 0) parts.push("\n");
    parts.push(element[xmlMarker]);
  });
  parts.push(text.slice(at + placeholderText.length));
  return parts;
}

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

export function escapeXmlText(value: string): string {
  return value
    .replace(notXmlChar, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function escapeXmlAttribute(value: string): string {
  // Line breaks and tabs would be folded to spaces by attribute normalisation.
  return escapeXmlText(value)
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
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
  const attrs = Object.entries(attributes ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join("");
  const present = children.filter((c) => c !== null && c !== undefined && c !== false);
  if (present.length === 0) return { [xmlMarker]: `<${name}${attrs}/>` };
  const allElements = present.every(isXml);
  const inner = present.map(serialise).join(allElements ? "\n" : "");
  const body = allElements ? `\n${inner}\n` : inner;
  return { [xmlMarker]: `<${name}${attrs}>${body}</${name}>` };
}

export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root[xmlMarker]}\n`;
}

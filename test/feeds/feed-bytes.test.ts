// A feed's text comes in pieces (src/feeds/xml.ts, xmlDocumentInParts) and its bytes are kept
// while the pieces are equal (src/feeds/feed-bytes.ts): the pieces must join to exactly what
// the writer gives with the elements as children, with none, one or many, text in them that
// looks like the placeholder included; and the bytes must follow the text, not the pieces'
// identity.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeedBytes } from "../../src/feeds/feed-bytes.ts";
import { el, placeholder, xmlDocument, xmlDocumentInParts } from "../../src/feeds/xml.ts";

const text = new TextDecoder();

describe("a feed document in pieces", () => {
  it("joins to the same text as the elements written in place", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), fc.string(), (titles, head) => {
        const items = titles.map((t) => el("item", { title: t }, el("title", null, `\u0000${t}`)));
        const whole = xmlDocument(
          el("rss", null, el("channel", null, el("title", null, `${head}\u0000`), ...items)),
        );
        const parts = xmlDocumentInParts(
          el(
            "rss",
            null,
            el(
              "channel",
              null,
              el("title", null, `${head}\u0000`),
              ...(items.length ? [placeholder()] : []),
            ),
          ),
          items,
        );
        expect(parts.join("")).toBe(whole);
      }),
    );
  });
});

describe("a feed's bytes kept while its pieces are equal", () => {
  it("gives the same bytes for equal pieces and new bytes when one changes", () => {
    const bytes = new FeedBytes(2);
    const entry = "<item>one</item>";
    const first = bytes.get("/feed.xml", ["<rss>", entry, "</rss>"]);
    expect(text.decode(first)).toBe("<rss><item>one</item></rss>");
    // Equal pieces, some of them other strings with the same text: the bytes of before.
    expect(bytes.get("/feed.xml", [["<r", "ss>"].join(""), entry, "</rss>"])).toBe(first);
    const changed = bytes.get("/feed.xml", ["<rss>", "<item>two</item>", "</rss>"]);
    expect(text.decode(changed)).toBe("<rss><item>two</item></rss>");
    // The same text cut differently is another list of pieces: encoded again, same text.
    expect(text.decode(bytes.get("/feed.xml", ["<rss><item>two</item>", "</rss>"]))).toBe(
      "<rss><item>two</item></rss>",
    );
    // Kept per path, the least recently used dropped first.
    const other = bytes.get("/feed.atom", ["<feed/>"]);
    bytes.get("/tag/x/feed.xml", ["<rss/>"]);
    expect(bytes.get("/feed.atom", ["<feed/>"])).toBe(other);
  });
});

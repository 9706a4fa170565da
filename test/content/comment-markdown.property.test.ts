// Bounded property tests of comment Markdown: whatever a reader types — random text, or
// pieces of known attacks in any order — rendering never throws, and no script element, no
// event attribute and no javascript: (or data:/vbscript:) link survives. The same holds for
// the HTML a fediverse server sends as a reply (sanitizeCommentHtml), Mastodon's markup mixed in.
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderCommentBody, sanitizeCommentHtml } from "../../src/content/comment-markdown.ts";

const attackPieces = fc.constantFrom(
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](java\tscript:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD4=)",
  "[x](vbscript:msgbox(1))",
  "![i](javascript:alert(1))",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)>",
  "`code`",
  "**bold**",
  "> quote\n",
  "\n\n",
  "<",
  ">",
  '"',
  "[",
  "](",
  ")",
  "<https://example.com>",
  "javascript:alert(1)",
  " onmouseover=alert(1) ",
);

function assertSafe(html: string) {
  const { document } = parseHTML(`<div id="root">${html}</div>`);
  const root = document.getElementById("root")!;
  expect(root.querySelectorAll("script, iframe, object, embed, svg, style").length).toBe(0);
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      expect(attribute.name.toLowerCase().startsWith("on")).toBe(false);
      if (["href", "src"].includes(attribute.name.toLowerCase())) {
        const value = attribute.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase(); // eslint-disable-line no-control-regex
        expect(value).not.toMatch(/^(javascript|data|vbscript):/);
      }
    }
  }
}

describe("renderCommentBody", () => {
  it("never throws and lets no script through, whatever is typed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(attackPieces, fc.string({ maxLength: 20 })), { maxLength: 25 }),
        (pieces) => assertSafe(renderCommentBody(pieces.join(""))),
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on any string at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) =>
        assertSafe(renderCommentBody(text)),
      ),
      { numRuns: 1000 },
    );
  });
});

// Pieces of the HTML Mastodon puts in a Note's content, besides the attacks above.
const mastodonPieces = fc.constantFrom(
  "<p>",
  "</p>",
  "<br />",
  '<span class="h-card" translate="no">',
  '<a href="https://social.example/@blog" class="u-url mention">@<span>blog</span></a>',
  "</span>",
  '<a href="https://social.example/tags/noir" class="mention hashtag" rel="tag">#<span>noir</span></a>',
  '<span class="invisible">https://</span><span class="ellipsis">example.org/a-long-pa</span>',
  '<img src="https://social.example/emoji.png" alt=":film:" class="custom-emoji">',
);

describe("sanitizeCommentHtml (a fediverse reply's content)", () => {
  it("never throws and lets no script through, whatever a server sends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(attackPieces, mastodonPieces, fc.string({ maxLength: 20 })), {
          maxLength: 25,
        }),
        (pieces) => assertSafe(sanitizeCommentHtml(pieces.join(""))),
      ),
      { numRuns: 1000 },
    );
  });
});

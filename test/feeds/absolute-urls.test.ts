// The feed's fast rewrite of stored bodies must give, byte for byte, what the sanitiser gave
// before it (feed readers see the same entries), and must hand anything it does not fully
// recognise to the sanitiser.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderReviewBody } from "../../src/content/markdown.ts";
import {
  absoluteUrls,
  absoluteUrlsBySanitizer,
  rewriteCanonical,
} from "../../src/feeds/absolute-urls.ts";

const base = "https://films.example/review/the-third-man";

// Pieces of what writers put in a review, rendered the way a save renders them.
const fragments = [
  "Plain words, *emphasis*, **strength**, `code <b> & co` and ~~struck~~ text.",
  'A [relative link](/review/m?a=1&b=2 "Tom & Jerry") and [a fragment](#notes).',
  'An [absolute one](https://example.org/a%20b?q="x") and <mailto:ed@example.org>.',
  '![A still](/media/stills/1/a b.jpg) ![](still.png "Title")',
  '<img src="../up.png" alt="" width="10" height="5" loading="lazy">',
  "Linkified https://linkify.example/path?x=1&y=2 in a sentence.",
  "> A quotation\n> over two lines",
  "* one\n* two\n  * nested",
  "1. first\n2. second",
  "3. starts at three",
  "## A heading\n\n# A demoted heading",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  '<span class="spoiler">the ending</span> and <details class="spoiler"><summary>Plot</summary>All of it</details>',
  "Entities &amp; &nbsp; &#39;quoted&#39; &lt;tag&gt; \"double\" 'single' — é ü 🎬",
  '<abbr title="A &amp; B">AB</abbr> <q>quoted</q> <kbd>K</kbd> <sub>2</sub><sup>3</sup>',
  "<dl><dt>Term</dt><dd>Definition</dd></dl>",
  '<figure><img src="/media/x.jpg" alt="x"><figcaption>Caption</figcaption></figure>',
  "```\n<pre> & fenced </pre>\n```",
  "---",
  "Line<br>break",
  '<a href="">empty</a> <a>no address</a> <a href="javascript:alert(1)">js</a>',
  '<script>alert(1)</script><style>p{}</style><iframe src="x"></iframe>',
  "<p><custom><blockquote>block inside a paragraph</blockquote></custom></p>",
  "<ul><li>unclosed<li>items</ul>",
  '<a href="http://[broken">broken address</a>',
];

describe("making a stored body's addresses absolute", () => {
  it("resolves links and images against the entry's permalink", () => {
    const html = renderReviewBody("[next](/review/b?x=1&y=2) ![s](s.jpg)");
    expect(absoluteUrls(html, base)).toBe(
      '<p><a href="https://films.example/review/b?x=1&amp;y=2">next</a> ' +
        '<img src="https://films.example/review/s.jpg" alt="s" /></p>\n',
    );
    expect(rewriteCanonical(html, base)).toBeDefined();
  });

  it("gives what the sanitiser gives for every piece a review may hold", () => {
    let fast = 0;
    for (const fragment of fragments) {
      const html = renderReviewBody(fragment);
      expect(absoluteUrls(html, base), fragment).toBe(absoluteUrlsBySanitizer(html, base));
      if (rewriteCanonical(html, base) !== undefined) fast++;
    }
    // Nearly all of them take the fast path; the rest are the odd ones out listed above.
    expect(fast).toBeGreaterThanOrEqual(fragments.length - 4);
  });

  it("gives what the sanitiser gives for any mix of them", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 8 }), (picked) => {
        const html = renderReviewBody(picked.join("\n\n"));
        expect(absoluteUrls(html, base)).toBe(absoluteUrlsBySanitizer(html, base));
      }),
      { numRuns: 150 },
    );
  });

  it("leaves markup it does not recognise to the sanitiser, which drops scripts", () => {
    const odd = [
      '<p>x<script>alert(1)</script></p><a href="/y">y</a>',
      "<P>upper case</P>",
      "<p>unclosed",
      "<p><blockquote>repaired by the parser</blockquote></p>",
      "<p>a raw > sign</p>",
      "<p>an entity &eacute;</p>",
      '<p><img src="/a.png"></p>',
      "<!-- a comment --><p>x</p>",
      '<p onclick="x()" href="/y">attribute out of place</p>',
    ];
    for (const html of odd) {
      expect(rewriteCanonical(html, base), html).toBeUndefined();
      expect(absoluteUrls(html, base)).toBe(absoluteUrlsBySanitizer(html, base));
    }
    expect(absoluteUrls(odd[0] ?? "", base)).toBe(
      '<p>x</p><a href="https://films.example/y">y</a>',
    );
  });
});

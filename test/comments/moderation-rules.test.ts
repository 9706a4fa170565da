// The moderation rules, the comment Markdown subset and the threading, as plain functions.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { countLinks, renderCommentBody } from "../../src/content/comment-markdown.ts";
import { identiconDataUri } from "../../src/content/identicon.ts";
import { threadComments, depthOf } from "../../src/domain/comment-threads.ts";
import type { PublicComment } from "../../src/domain/comments.ts";
import {
  commentsClosed,
  decideStatus,
  type CommentFacts,
  type ModerationSettings,
} from "../../src/domain/moderation/rules.ts";

const facts: CommentFacts = {
  body: "A thoughtful reply.",
  name: "Reader",
  email: "reader@example.com",
  url: "",
  ip: "203.0.113.9",
  userAgent: "Mozilla/5.0",
  linkCount: 0,
  honeypot: "",
  fillMs: 60_000,
  knownCommenter: true,
};
const settings: ModerationSettings = {
  manualApproval: false,
  holdFirstComment: true,
  holdLinkCount: 2,
  moderationWords: "",
  disallowedWords: "",
};
const status = (f: Partial<CommentFacts>, s: Partial<ModerationSettings> = {}) =>
  decideStatus({ ...facts, ...f }, { ...settings, ...s }).status;

describe("moderation rules", () => {
  it("approves a known commenter's plain comment", () => {
    expect(status({})).toBe("approved");
  });
  it("holds a first comment, unless the site says not to", () => {
    expect(status({ knownCommenter: false })).toBe("pending");
    expect(status({ knownCommenter: false }, { holdFirstComment: false })).toBe("approved");
  });
  it("holds everything under manual approval", () => {
    expect(status({}, { manualApproval: true })).toBe("pending");
  });
  it("holds a comment with as many links as the limit, and 0 means no limit", () => {
    expect(status({ linkCount: 1 })).toBe("approved");
    expect(status({ linkCount: 2 })).toBe("pending");
    expect(status({ linkCount: 50 }, { holdLinkCount: 0 })).toBe("approved");
  });
  it("matches moderation words case-insensitively in every field", () => {
    const words = "casino\n  Pills  \n\n";
    expect(status({ body: "Visit the CASINO" }, { moderationWords: words })).toBe("pending");
    expect(status({ name: "cheap pills" }, { moderationWords: words })).toBe("pending");
    expect(status({ email: "pills@x.io" }, { moderationWords: words })).toBe("pending");
    expect(status({ url: "https://casino.example" }, { moderationWords: words })).toBe("pending");
    expect(status({ ip: "198.51.100.7" }, { moderationWords: "198.51.100." })).toBe("pending");
    expect(status({ userAgent: "SpamBot/1" }, { moderationWords: "spambot" })).toBe("pending");
    expect(status({ body: "Nothing here" }, { moderationWords: words })).toBe("approved");
    // Blank lines never match everything.
    expect(status({}, { moderationWords: "\n \n" })).toBe("approved");
  });
  it("files disallowed words as spam, before any other rule", () => {
    expect(status({ body: "VIAGRA" }, { disallowedWords: "viagra" })).toBe("spam");
    expect(status({ body: "viagra" }, { disallowedWords: "viagra", manualApproval: true })).toBe(
      "spam",
    );
  });
  it("files a filled honeypot and a form sent in under 3 seconds as spam", () => {
    expect(status({ honeypot: "x" })).toBe("spam");
    expect(status({ fillMs: 2999 })).toBe("spam");
    expect(status({ fillMs: 3000 })).toBe("approved");
    // A reader back from signing in with a provider sends what they typed before at once.
    expect(status({ fillMs: 500, signedIn: true })).toBe("approved");
    expect(status({ fillMs: 500, signedIn: false })).toBe("spam");
    // The one-click confirmation form needs less: the words were written before it.
    expect(status({ fillMs: 999, minimumFillMs: 1000 })).toBe("spam");
    expect(status({ fillMs: 1000, minimumFillMs: 1000 })).toBe("approved");
  });
  it("closes comments the given number of days after publication", () => {
    const published = "2026-01-01T00:00:00.000Z";
    expect(commentsClosed(published, 0, "2099-01-01T00:00:00.000Z")).toBe(false);
    expect(commentsClosed(published, 10, "2026-01-10T00:00:00.000Z")).toBe(false);
    expect(commentsClosed(published, 10, "2026-01-12T00:00:00.000Z")).toBe(true);
  });
});

describe("comment Markdown", () => {
  it("keeps the small subset and marks every link nofollow ugc noopener", () => {
    const html = renderCommentBody(
      "*em* **strong** `code`\n\n> quoted\n\n- one\n- two\n\n[site](https://example.com) and https://bare.example",
    );
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">site</a>');
    expect(html).toContain('<a href="https://bare.example" rel="nofollow ugc noopener">');
    expect(countLinks(html)).toBe(2);
  });
  it("turns off headings, images, tables and rules", () => {
    const html = renderCommentBody("# Big\n\n![i](https://x.io/i.png)\n\n---\n\n|a|\n|-|\n|b|");
    for (const tag of ["<h1", "<img", "<hr", "<table"]) expect(html).not.toContain(tag);
  });
  it.each([
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:msgbox(1))",
    "<iframe src=//evil.example></iframe>",
    "<svg onload=alert(1)>",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
  ])("neutralises %s", (input) => {
    // Judged on the parsed tree: the words may stay, as text.
    const { document } = parseHTML(`<div>${renderCommentBody(input)}</div>`);
    for (const element of document.querySelectorAll("*")) {
      expect(["script", "img", "iframe", "svg"]).not.toContain(element.localName);
      for (const attr of element.attributes) {
        expect(attr.name).not.toMatch(/^on/i);
        if (attr.name === "href") expect(attr.value).toMatch(/^(https?|mailto):/);
      }
    }
  });
  it("allows only http, https and mailto links", () => {
    expect(renderCommentBody("[m](mailto:a@b.io)")).toContain('href="mailto:a@b.io"');
    expect(renderCommentBody("[f](ftp://x.io/f)")).not.toContain("href");
  });
});

describe("threads", () => {
  const c = (id: number, parentId: number | null): PublicComment => ({
    id,
    parentId,
    authorName: `N${id}`,
    authorUrl: null,
    bodyHtml: "",
    createdAt: `2026-01-01T00:00:0${id}.000Z`,
    avatarKey: "ab".repeat(16),
    gravatarHash: "cd".repeat(32),
    kind: "comment",
    sourceUrl: null,
    authorHandle: null,
    avatarPath: null,
    awaitingModeration: false,
  });
  it("nests replies up to the depth and shows deeper ones beside the deepest", () => {
    const threads = threadComments([c(1, null), c(2, 1), c(3, 2), c(4, 3), c(5, null)], 3);
    expect(threads.map((t) => t.comment.id)).toEqual([1, 5]);
    expect(depthOf(threads, 3)).toBe(3);
    expect(depthOf(threads, 4)).toBe(3);
    expect(threads[0]!.replies[0]!.replies.map((n) => n.comment.id)).toEqual([3, 4]);
  });
  it("starts a thread for a reply whose parent is not shown", () => {
    const threads = threadComments([c(2, 1), c(3, null)], 5);
    expect(threads.map((t) => [t.comment.id, t.depth])).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });
});

describe("avatars", () => {
  it("draws the same local SVG for the same key and a different one for another", () => {
    const a = identiconDataUri("0123456789abcdef0123456789abcdef");
    expect(a).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(identiconDataUri("0123456789abcdef0123456789abcdef")).toBe(a);
    expect(identiconDataUri("fedcba9876543210fedcba9876543210")).not.toBe(a);
    expect(Buffer.from(a.split(",")[1]!, "base64").toString()).not.toMatch(
      /https?:\/\/(?!www\.w3)/,
    );
  });
});

// The links of a page's head are written as markup (src/web/views/head-link.ts) instead of
// through hono/jsx's <link>, which treats them as metadata to hoist. For any values, in head
// and out of it, the markup must be what hono/jsx writes: same attributes in the same order,
// escaped alike, none for an undefined value.
import fc from "fast-check";
import { jsx, type JSXNode } from "hono/jsx";
import { describe, expect, it } from "vitest";
import { HeadLink } from "../../src/web/views/head-link.ts";

// Characters an attribute must escape, and ones it must leave alone.
const value = fc.string({
  unit: fc.constantFrom(..."ab &<>\"'=/?#é😀\u00a0\n".split(""), "&amp;", "&quot;"),
  maxLength: 24,
});

/** The markup of a render that must be synchronous, as a page's head is. */
function rendered(node: JSXNode): string {
  const markup = node.toString();
  if (markup instanceof Promise) throw new Error("rendered asynchronously");
  return markup.toString();
}

function viaJsx(props: Record<string, string | undefined>): string {
  return rendered(jsx("head", {}, jsx("link", props)));
}

function viaHeadLink(props: Parameters<typeof HeadLink>[0]): string {
  return rendered(jsx("head", {}, jsx(HeadLink, props)));
}

describe("HeadLink", () => {
  it("writes what hono/jsx writes for a <link>, for any values", () => {
    fc.assert(
      fc.property(
        value,
        value,
        fc.option(value, { nil: undefined }),
        fc.option(value, { nil: undefined }),
        (rel, href, type, title) => {
          const props = { rel, type, title, href };
          expect(viaHeadLink(props)).toBe(viaJsx(props));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("escapes quotes and markup and leaves out undefined attributes", () => {
    expect(viaHeadLink({ rel: "alternate", title: `"Odd" <b>&'`, href: "/a?b=1&c=2" })).toBe(
      `<head><link rel="alternate" title="&quot;Odd&quot; &lt;b&gt;&amp;&#39;" href="/a?b=1&amp;c=2"/></head>`,
    );
    expect(viaHeadLink({ rel: "icon", href: "/f.svg", type: undefined })).toBe(
      `<head><link rel="icon" href="/f.svg"/></head>`,
    );
  });
});

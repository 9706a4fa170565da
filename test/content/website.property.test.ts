// The commenter's website as typed (issue 16): a bare host or host/path is read as the https
// address, a full http(s) address is kept as typed, and junk is refused — never thrown on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseWebsite } from "../../src/content/website.ts";

describe("normaliseWebsite", () => {
  it.each([
    ["example.com", "https://example.com"],
    ["  www.example.com/path  ", "https://www.example.com/path"],
    ["example.com:8080/x?y=1", "https://example.com:8080/x?y=1"],
    ["//example.org", "https://example.org"],
    ["http://example.com/", "http://example.com/"],
    ["HTTPS://Example.COM", "HTTPS://Example.COM"],
    ["", ""],
  ])("reads %j as %j", (typed, stored) => {
    expect(normaliseWebsite(typed)).toBe(stored);
  });

  it.each([
    "javascript:alert(1)",
    "mailto:reader@example.com",
    "ftp://files.example",
    "reader@example.com",
    "just words",
    "localhost",
    "example",
    "http://",
    "exa mple.com",
    "example..com",
    "https://exa mple.com",
  ])("refuses %j", (typed) => {
    expect(normaliseWebsite(typed)).toBeUndefined();
  });

  it("takes every domain name, bare or with a path, as its https address", () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (domain, path) => {
        // fast-check's paths may begin without a slash; an address's path begins with one.
        const typed = `${domain}${path === "" || path.startsWith("/") ? path : `/${path}`}`;
        expect(normaliseWebsite(typed)).toBe(`https://${typed}`);
        expect(normaliseWebsite(`  ${typed}\t`)).toBe(`https://${typed}`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps full web addresses as typed", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(normaliseWebsite(url)).toBe(url);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws, and what it accepts is an http(s) address with a dotted or given host", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 60 }), (typed) => {
        const stored = normaliseWebsite(typed);
        if (stored === undefined || stored === "") return;
        const url = new URL(stored);
        expect(["http:", "https:"]).toContain(url.protocol);
        expect(url.hostname).not.toBe("");
        expect(/\s/.test(stored)).toBe(false);
        // Reading it again changes nothing: the stored form is a fixed point.
        expect(normaliseWebsite(stored)).toBe(stored);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses anything with white space inside or another scheme", () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.constantFrom(" ", "\t", "\n"),
        fc.constantFrom("javascript:", "data:", "mailto:", "ftp://", "file://"),
        (domain, space, scheme) => {
          expect(normaliseWebsite(`${domain}${space}x`)).toBeUndefined();
          expect(normaliseWebsite(`${scheme}${domain}`)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

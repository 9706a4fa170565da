// Reads a feed over HTTP the way a feed reader would, and turns RSS, Atom and JSON Feed
// into one shape so that a test can ask the same questions of all three.
// RSS and Atom go through an independent parser (@rowanmanning/feed-parser); it does not
// read JSON Feed, so that one is checked here against the JSON Feed 1.1 spec's required and
// documented fields.
import { parseFeed } from "@rowanmanning/feed-parser";
import { DOMParser } from "linkedom";
import { expect } from "vitest";
import type { appFor } from "../support/app.ts";

export type Format = "rss" | "atom" | "json";
export const formats: Format[] = ["rss", "atom", "json"];
export const extensions: Record<Format, string> = { rss: "xml", atom: "atom", json: "json" };
export const contentTypes: Record<Format, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

export interface ReadItem {
  id: string | null;
  title: string | null;
  url: string | null;
  summary: string | null;
  content: string | null;
  published: Date | null;
  updated: Date | null;
  authors: (string | null)[];
  categories: string[];
  imageUrl: string | null;
}

export interface ReadFeed {
  raw: string;
  title: string | null;
  url: string | null;
  self: string | null;
  items: ReadItem[];
  /** RSS and Atom only: enclosures as the parser reports them, by item. */
  media: { url: string; mimeType: string | null; length: number | null }[][];
}

export async function readFeed(app: ReturnType<typeof appFor>, path: string, format: Format) {
  const response = await app.request(path);
  const raw = await response.text();
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type"), path).toBe(contentTypes[format]);
  return format === "json" ? readJsonFeed(raw) : readXmlFeed(raw, format);
}

function readXmlFeed(raw: string, format: "rss" | "atom"): ReadFeed {
  assertSoundXml(raw, format === "rss" ? "rss" : "feed", format === "rss" ? "item" : "entry");
  const feed = parseFeed(raw);
  expect(feed.meta.type).toBe(format);
  expect(feed.meta.version).toBe(format === "rss" ? "2.0" : "1.0");
  return {
    raw,
    title: feed.title,
    url: feed.url,
    self: feed.self,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      url: item.url,
      summary: item.description,
      content: item.content,
      published: item.published,
      updated: item.updated,
      authors: item.authors.map((a) => a.name),
      categories: item.categories.map((c) => c.label ?? c.term),
      imageUrl: item.image?.url ?? null,
    })),
    media: feed.items.map((item) =>
      item.media.map((m) => ({ url: m.url, mimeType: m.mimeType, length: m.length })),
    ),
  };
}

/**
 * The feed parser forgives broken XML, so structure is checked separately: one root of the
 * right name, the expected number of entries, and no element that only a markup breakout
 * could have made.
 */
export function assertSoundXml(raw: string, rootName: string, entryName: string) {
  expect(raw.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const doc = parseXml(raw);
  expect(doc.documentElement.tagName).toBe(rootName);
  const entries = doc.querySelectorAll(entryName).length;
  expect(raw.split(`<${entryName}>`).length - 1).toBe(entries);
  expect(raw.split(`</${entryName}>`).length - 1).toBe(entries);
  for (const forbidden of ["script", "img", "p", "a", "b"]) {
    expect(doc.querySelectorAll(forbidden).length, `<${forbidden}> in the XML tree`).toBe(0);
  }
}

/** linkedom's XML parser, typed as the DOM it implements. */
export function parseXml(raw: string): Document {
  return new DOMParser().parseFromString(raw, "text/xml") as unknown as Document;
}

interface JsonFeedItem {
  id: unknown;
  url?: unknown;
  title?: unknown;
  content_html?: unknown;
  summary?: unknown;
  image?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  authors?: { name?: unknown }[];
  tags?: unknown[];
}

function readJsonFeed(raw: string): ReadFeed {
  const feed = JSON.parse(raw) as Record<string, unknown>;
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(typeof feed.title).toBe("string");
  expect(Array.isArray(feed.items)).toBe(true);
  const items = feed.items as JsonFeedItem[];
  for (const item of items) {
    // Required by the spec: a string id, and content_html or content_text.
    expect(typeof item.id).toBe("string");
    expect(typeof item.content_html).toBe("string");
    for (const date of [item.date_published, item.date_modified]) {
      expect(typeof date).toBe("string");
      expect(Number.isNaN(Date.parse(date as string))).toBe(false);
    }
  }
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    raw,
    title: text(feed.title),
    url: text(feed.home_page_url),
    self: text(feed.feed_url),
    items: items.map((item) => ({
      id: text(item.id),
      title: text(item.title),
      url: text(item.url),
      summary: text(item.summary),
      content: text(item.content_html),
      published: new Date(item.date_published as string),
      updated: new Date(item.date_modified as string),
      authors: (item.authors ?? []).map((a) => text(a.name)),
      categories: (item.tags ?? []).map((t) => String(t)),
      imageUrl: text(item.image),
    })),
    media: [],
  };
}

// The WXR reader: every WXR version, a record at a time, and nothing but WXR.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWxr } from "../../src/importers/wordpress/wxr-reader.ts";
import type { WxrRecord } from "../../src/importers/wordpress/wxr-types.ts";
import { wxrHead, wxrItem, wxrTail } from "../support/wxr-writer.ts";
import { items, writeWxrFile } from "./wordpress-fixture.ts";

function tempFile(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-")), "x.xml");
  fs.writeFileSync(file, text);
  return file;
}

async function readAll(file: string): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const record of readWxr(file)) records.push(record);
  return records;
}

describe("readWxr", () => {
  it.each(["1.0", "1.1", "1.2"] as const)("reads WXR %s", async (version) => {
    const records = await readAll(writeWxrFile({ version }));
    const site = records.find((r) => r.type === "site");
    expect(site?.type === "site" && site.site).toMatchObject({
      title: "Every Film in Order",
      baseUrl: "https://films.example.org",
      wxrVersion: version,
    });
    const authors = records.filter((r) => r.type === "author");
    expect(authors).toHaveLength(1);
    const posts = records.flatMap((r) => (r.type === "item" ? [r.item] : []));
    expect(posts.map((p) => p.postId)).toEqual(items.map((i) => String(i.id)));
    const house = posts.find((p) => p.postId === "103");
    expect(house?.title).toBe("House of Games (1987)");
    expect(house?.comments).toHaveLength(7);
    expect(house?.comments[0]).toMatchObject({ id: "1", author: "Ines", approved: "1" });
    expect(posts[0]?.terms).toEqual([
      { domain: "category", slug: "reviews", name: "Reviews" },
      { domain: "post_tag", slug: "noir", name: "Noir" },
      { domain: "post_tag", slug: "paris", name: "Paris" },
    ]);
    expect(posts[0]?.meta._edit_last).toBe("1");
  });

  it("keeps characters whole across read chunks", async () => {
    // Long enough to span many 64 KiB reads, with multi-byte characters everywhere.
    const body = "Ça tourne — 映画 — ".repeat(20_000);
    const file = tempFile(
      wxrHead() +
        wxrItem({
          id: 1,
          title: "Le Samouraï (1967)",
          slug: "s",
          date: "2012-01-01 00:00:00",
          content: body,
        }) +
        wxrTail,
    );
    const records = await readAll(file);
    const item = records.find((r) => r.type === "item");
    expect(item?.type === "item" && item.item.content).toBe(body);
    expect(item?.type === "item" && item.item.title).toBe("Le Samouraï (1967)");
  });

  it("hands over each post before it has read the whole file", async () => {
    const posts = Array.from({ length: 400 }, (_, i) => ({
      id: i + 1,
      title: `Film ${i} (1999)`,
      slug: `film-${i}`,
      date: "2012-01-01 00:00:00",
      content: "A paragraph of review. ".repeat(100),
    }));
    const file = tempFile(wxrHead() + posts.map((p) => wxrItem(p)).join("") + wxrTail);
    const total = fs.statSync(file).size;
    let bytesAtFirstItem = -1;
    let bytesRead = 0;
    for await (const record of readWxr(file, (p) => (bytesRead = p.bytesRead))) {
      if (record.type === "item" && bytesAtFirstItem < 0) bytesAtFirstItem = bytesRead;
    }
    expect(total).toBeGreaterThan(800_000);
    expect(bytesAtFirstItem).toBeGreaterThan(0);
    expect(bytesAtFirstItem).toBeLessThan(total / 4);
  });

  it("refuses a DOCTYPE, so no entity can reach outside the file", async () => {
    const file = tempFile(
      `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n` +
        wxrHead().replace(/^<\?xml[^>]*>\n/, "") +
        wxrTail,
    );
    await expect(readAll(file)).rejects.toThrow(/DOCTYPE/);
  });

  it("says so when a file is not a WordPress export", async () => {
    await expect(readAll(tempFile("<html><body>Hello</body></html>"))).rejects.toThrow(
      /not a WordPress export/,
    );
    await expect(readAll(tempFile("<rss><channel><item>"))).rejects.toThrow(/readable/);
  });
});

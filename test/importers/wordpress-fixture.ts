// A small WordPress export with every case the importer must handle: classic and block
// editor posts, "Directed by" and "Up Next" lines, threads, statuses, pingbacks, a reply
// met before its parent, a draft, and things that are not reviews.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { wxrDocument, type WxrItemSpec, type WxrSpec } from "../support/wxr-writer.ts";

export const sourceUrl = "https://films.example.org";

export const items: WxrItemSpec[] = [
  {
    id: 101,
    title: "Bob le Flambeur (1956)",
    slug: "bob-le-flambeur-1956",
    date: "2012-03-01 21:00:00",
    meta: { _thumbnail_id: "106" },
    categories: ["Reviews"],
    tags: ["Noir", "Paris"],
    content:
      "Directed by Jean-Pierre Melville\n\nA gambler plans one last job and keeps losing track of it at the tables.\n\nUp Next: His Girl Friday (1940), House of Games (1987), Crouching Tiger, Hidden Dragon (2000)",
  },
  {
    id: 102,
    title: "His Girl Friday (1940)",
    slug: "his-girl-friday-1940",
    date: "2012-03-08 21:00:00",
    content: [
      "<!-- wp:paragraph -->\n<p>Directed by Howard Hawks</p>\n<!-- /wp:paragraph -->",
      "<!-- wp:paragraph -->\n<p>Dialogue at the speed of a <em>newsroom</em> deadline.</p>\n<!-- /wp:paragraph -->",
      "<!-- wp:paragraph -->\n<p>Up Next: House of Games (1987), Crouching Tiger, Hidden Dragon (2000), Heat (1995)</p>\n<!-- /wp:paragraph -->",
    ].join("\n\n"),
  },
  {
    id: 103,
    title: "House of Games (1987)",
    slug: "house-of-games-1987",
    date: "2012-03-15 21:00:00",
    content:
      "Directed by David Mamet\n\nA psychiatrist studies a con man &amp; learns the wrong lesson.\n\nUp Next: Crouching Tiger, Hidden Dragon (2000), Heat (1995), Casino (1995)",
    comments: [
      {
        id: 1,
        author: "Ines",
        email: "ines@example.net",
        date: "2012-03-16 10:00:00",
        content:
          'The <a href="https://example.net/cons">card trick</a> scene <strong>still</strong> works.',
      },
      {
        id: 2,
        parent: 1,
        author: "Vera",
        email: "vera@example.org",
        date: "2012-03-16 11:00:00",
        content: "It does.\nEvery time.",
      },
      {
        id: 3,
        author: "Waiting",
        email: "waiting@example.net",
        date: "2012-03-16 12:00:00",
        content: "Held for moderation.",
        approved: "0",
      },
      {
        id: 4,
        author: "Spammer",
        email: "spam@example.net",
        date: "2012-03-16 13:00:00",
        content: "Cheap watches.",
        approved: "spam",
      },
      {
        id: 5,
        author: "Another Blog",
        email: "",
        url: "https://another.example.com/post",
        date: "2012-03-17 09:00:00",
        content: "[…] a write-up of House of Games […]",
        type: "pingback",
      },
      // The reply comes before its parent in the file.
      {
        id: 9,
        parent: 8,
        author: "Late",
        email: "late@example.net",
        date: "2012-03-18 09:00:00",
        content: "Answering the question below.",
      },
      {
        id: 8,
        author: "Asker",
        email: "asker@example.net",
        date: "2012-03-18 08:00:00",
        content: "Which version did you see?",
      },
    ],
  },
  {
    id: 104,
    title: "Hello world!",
    slug: "hello-world",
    date: "2012-02-01 09:00:00",
    content: "Welcome to WordPress.",
  },
  {
    id: 105,
    title: "About",
    slug: "about",
    type: "page",
    date: "2012-02-01 09:00:00",
    content: "Me.",
  },
  {
    id: 106,
    title: "still-1",
    slug: "still-1",
    type: "attachment",
    status: "inherit",
    date: "2012-02-01 09:00:00",
    content: "",
    attachmentUrl: `${sourceUrl}/wp-content/uploads/2012/03/bob-still.jpg`,
    meta: {
      _wp_attached_file: "2012/03/bob-still.jpg",
      _wp_attachment_image_alt: "Bob at the card table, hat tilted",
    },
  },
  {
    id: 108,
    title: "unused",
    slug: "unused",
    type: "attachment",
    status: "inherit",
    date: "2012-02-01 09:00:00",
    content: "",
    attachmentUrl: `${sourceUrl}/wp-content/uploads/2012/03/unused.png`,
    meta: { _wp_attached_file: "../../../etc/passwd" },
  },
  {
    id: 107,
    title: "Heat (1995)",
    slug: "heat-1995",
    status: "draft",
    date: "2012-03-22 21:00:00",
    content: "Directed by Michael Mann\n\nNot finished yet.",
  },
];

export function writeWxrFile(spec: WxrSpec = {}, list: WxrItemSpec[] = items): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-wxr-"));
  const file = path.join(dir, "export.xml");
  fs.writeFileSync(file, wxrDocument({ baseUrl: sourceUrl, ...spec }, list));
  return file;
}

/** An uploads folder as WordPress keeps it, with the featured image of post 101. */
export async function writeUploadsDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-uploads-"));
  fs.mkdirSync(path.join(dir, "2012/03"), { recursive: true });
  const image = await sharp({
    create: { width: 640, height: 360, channels: 3, background: { r: 40, g: 60, b: 90 } },
  })
    .jpeg()
    .withExif({ IFD0: { Artist: "Someone", Copyright: "Old site" } })
    .toBuffer();
  fs.writeFileSync(path.join(dir, "2012/03/bob-still.jpg"), image);
  return dir;
}

// Helpers for the admin import tests: a small WordPress export of reviews, posting it the way
// the imports form does (multipart, token first), and waiting for the job to end.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../src/db/connect.ts";
import { importJob, type ImportJob } from "../../src/importers/jobs/import-jobs.ts";
import { wxrDocument, type WxrItemSpec } from "../support/wxr-writer.ts";
import type { App } from "./admin-client.ts";
import { postMultipart, type Part } from "./stills-upload.ts";

/** A review post per film, "Title (Year)", with a comment each; and a post in the trash. */
export function reviewsWxr(films: [string, number][], baseUrl = "https://old.example.org") {
  const items: WxrItemSpec[] = films.map(([title, year], i) => ({
    id: 500 + i,
    title: `${title} (${year})`,
    slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${year}`,
    date: `2015-04-${String((i % 28) + 1).padStart(2, "0")} 20:00:00`,
    tags: ["Imported"],
    content: `Directed by Someone Else\n\nA few words on ${title}, written for this test.`,
    comments: [
      {
        id: 9000 + i,
        author: "Reader",
        email: "reader@example.net",
        date: "2015-05-01 10:00:00",
        content: "Seen it twice.",
      },
    ],
  }));
  items.push({
    id: 499,
    title: "Thrown Away (2001)",
    slug: "thrown-away-2001",
    date: "2015-03-01 20:00:00",
    status: "trash",
    content: "Never mind.",
  });
  return Buffer.from(wxrDocument({ baseUrl, title: "Old Journal" }, items));
}

export function filePart(filename: string, data: Buffer, type = "text/xml"): Part {
  return { name: "file", filename, type, data };
}

export function postImport(
  app: App,
  kind: "wordpress" | "letterboxd",
  parts: Part[],
  options: { cookie: string; sized?: boolean },
) {
  return postMultipart(app, `/admin/imports/${kind}`, parts, {
    cookie: options.cookie,
    sized: options.sized ?? true,
  });
}

/**
 * Posts an export of `size` bytes (`head`, then spaces) made as it is sent, never held whole:
 * for the size limit, without a 200 MB buffer. `sized` declares the length, as browsers do.
 */
export async function postLargeImport(
  app: App,
  options: { cookie: string; token: string; head: string; size: number; sized: boolean },
) {
  const boundary = "----cinelogLargeImport";
  const before = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${options.token}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.xml"\r\n` +
      `Content-Type: text/xml\r\n\r\n${options.head}`,
  );
  const after = Buffer.from(`\r\n--${boundary}--\r\n`);
  const filler = Buffer.alloc(256 * 1024, 0x20);
  let left = options.size - Buffer.byteLength(options.head);
  let stage: "before" | "file" | "after" | "done" = "before";
  const progress = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk: Buffer;
      if (stage === "before") {
        chunk = before;
        stage = "file";
      } else if (stage === "file" && left > 0) {
        chunk = filler.subarray(0, Math.min(left, filler.length));
        left -= chunk.length;
      } else if (stage !== "done") {
        chunk = after;
        stage = "done";
      } else {
        controller.close();
        return;
      }
      progress.pulled += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  const length = before.length + (options.size - Buffer.byteLength(options.head)) + after.length;
  const response = await app.request("/admin/imports/wordpress", {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "sec-fetch-site": "same-origin",
      cookie: options.cookie,
      ...(options.sized ? { "content-length": String(length) } : {}),
    },
  } as RequestInit);
  return { response, progress };
}

/** The job a successful upload redirected to. */
export function jobIdOf(response: Response): number {
  const match = /^\/admin\/imports\/(\d+)$/.exec(response.headers.get("location") ?? "");
  if (!match) throw new Error(`no job was started: ${response.status}`);
  return Number(match[1]);
}

export async function waitForJob(db: Db, id: number, timeoutMs = 30_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await importJob(db, id);
    if (job && (job.status === "done" || job.status === "failed")) return job;
    if (Date.now() > until)
      throw new Error(`import ${id} still ${job?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Files left in the uploads folder of the imports. */
export function storedUploads(dataDir: string): string[] {
  const dir = path.join(dataDir, "imports");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

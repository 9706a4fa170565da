// The stills page over HTTP: several files in one post, each bad file refused with its own
// message while the rest of the batch and the typed alt text are kept, metadata stripped,
// ordering, removal, and no publishing while a still has no alt text.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import { stillsOfReview, variantsOf } from "../../src/domain/stills.ts";
import { MAX_STILL_BYTES } from "../../src/media/still-variants.ts";
import { textOf } from "../support/app.ts";
import { dialects } from "../support/databases.ts";
import { getAs, postForm } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";
import {
  jpegImage,
  jpegWithLocation,
  pngBomb,
  pngImage,
  postMultipart,
  truncated,
  type Part,
} from "./stills-upload.ts";

describe.each(dialects)("stills on %s", (dialect) => {
  let reviewId: number;
  const announced: string[][] = [];
  const site = adminSite(dialect, { signInAs: "critic@example.com" });
  beforeAll(() => {
    site.db.changes.subscribe((tags) => announced.push([...tags]));
  });
  beforeEach(async () => {
    const review = await createReview(site.db, {
      filmId: site.fixture.films.friday.id,
      authorId: site.fixture.author.id,
      body: "A draft with pictures.",
      status: "draft",
    });
    reviewId = review.id;
  });

  const page = () => `/admin/reviews/${reviewId}/stills`;
  const file = (filename: string, data: Buffer, type = "image/jpeg"): Part => ({
    name: "files",
    filename,
    type,
    data,
  });
  const upload = (parts: Part[], options: { sized?: boolean } = { sized: true }) =>
    postMultipart(site.app, page(), [{ name: "_csrf", value: site.token }, ...parts], {
      cookie: site.cookie,
      ...options,
    });
  const refusals = (document: Document) =>
    [...document.querySelectorAll(".refused-files li")].map((li) => textOf(li));

  it("stores several files from one post, each as WebP and JPEG variants served from /media", async () => {
    const { response } = await upload([
      file("one.jpg", await jpegImage(1200, 800)),
      file("two.png", await pngImage(640, 360), "image/png"),
      { name: "action", value: "save" },
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${page()}?done=saved&added=2`);
    const stills = await stillsOfReview(site.db, reviewId);
    expect(stills.map((s) => [s.width, s.height, s.alt])).toEqual([
      [1200, 800, ""],
      [640, 360, ""],
    ]);
    const variants = variantsOf(stills[0]!);
    expect(variants.map((v) => `${v.format}:${v.width}`)).toEqual([
      "webp:480",
      "jpeg:480",
      "webp:960",
      "jpeg:960",
      "webp:1200",
      "jpeg:1200",
    ]);
    expect(stills[0]!.thumbhash).toBeTruthy();
    for (const v of variants) expect(fs.existsSync(path.join(site.db.mediaDir, v.path))).toBe(true);
    const served = await site.app.request(`/media/${stills[0]!.path}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");

    const shown = await getAs(site.app, `${page()}?done=saved&added=2`, site.cookie);
    expect(textOf(shown.document.querySelector(".form-notice"))).toContain("2 stills added");
    expect(shown.document.querySelectorAll(".still-list li").length).toBe(2);
    expect(shown.document.querySelector(`#alt-${stills[0]!.id}`)).not.toBeNull();
  });

  it("refuses each bad file with its own message, keeps the good ones and the typed alt text", async () => {
    await upload([file("first.jpg", await jpegImage())]);
    const [first] = await stillsOfReview(site.db, reviewId);
    const good = await pngImage();
    const { response } = await upload([
      file("notes.jpg", Buffer.from("These are my notes, not a picture.\n".repeat(50))),
      file("cut.jpg", truncated(await jpegImage(1600, 1000))),
      file("cut.png", truncated(await pngImage(800, 600)), "image/png"),
      file("bomb.png", pngBomb(), "image/png"),
      file("good.png", good, "image/png"),
      { name: `alt-${first!.id}`, value: "A woman at a typewriter, laughing" },
      { name: `caption-${first!.id}`, value: "The newsroom" },
      { name: "order", value: String(first!.id) },
      { name: "action", value: "save" },
    ]);
    expect(response.status).toBe(400);
    const { parseHTML } = await import("linkedom");
    const { document } = parseHTML(await response.text());
    const refused = refusals(document);
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatch(/^notes\.jpg: This is not an image file/);
    expect(refused[1]).toMatch(/^cut\.jpg: The image is damaged or incomplete/);
    expect(refused[2]).toMatch(/^cut\.png: The image is damaged or incomplete/);
    expect(refused[3]).toMatch(/^bomb\.png: The image is 30000 × 30000 pixels/);
    expect(textOf(document.querySelector(".form-notice"))).toContain("One still added");
    // The good file of the batch and everything typed were kept.
    const stills = await stillsOfReview(site.db, reviewId);
    expect(stills).toHaveLength(2);
    expect(stills[0]!.alt).toBe("A woman at a typewriter, laughing");
    expect(stills[0]!.caption).toBe("The newsroom");
    expect([stills[1]!.width, stills[1]!.height]).toEqual([640, 360]);
    expect(document.querySelector(`#alt-${first!.id}`)?.textContent).toBe(
      "A woman at a typewriter, laughing",
    );
    // Nothing of the refused files was left on disk.
    const onDisk = fs.readdirSync(path.join(site.db.mediaDir, "stills", String(reviewId)));
    expect(onDisk).toHaveLength(stills.reduce((n, s) => n + variantsOf(s).length, 0));
  });

  it("refuses a file over 50 MB in a batch without losing the others", async () => {
    const huge = Buffer.alloc(MAX_STILL_BYTES + 1024 * 1024, 7);
    await jpegImage().then((jpeg) => jpeg.copy(huge));
    const { response, size } = await upload(
      [file("huge.jpg", huge), file("small.jpg", await jpegImage(900, 500))],
      { sized: false },
    );
    expect(size).toBeGreaterThan(MAX_STILL_BYTES);
    expect(response.status).toBe(400);
    const { parseHTML } = await import("linkedom");
    const { document } = parseHTML(await response.text());
    expect(refusals(document)).toEqual(["huge.jpg: The file is larger than 50 MB."]);
    const stills = await stillsOfReview(site.db, reviewId);
    expect(stills.map((s) => s.width)).toEqual([900]);
  });

  it("refuses an upload whose declared size is over the limit before reading it", async () => {
    const huge = Buffer.alloc(MAX_STILL_BYTES + 1024 * 1024, 1);
    const sent = await postMultipart(
      site.app,
      `${page()}/upload`,
      [{ name: "_csrf", value: site.token }, file("huge.jpg", huge)],
      { cookie: site.cookie, sized: true },
    );
    expect(sent.response.status).toBe(413);
    expect(await sent.response.json()).toEqual({
      ok: false,
      message: "The file is larger than 50 MB.",
    });
    // Refused on its Content-Length: at most the first chunk of the stream was read.
    expect(sent.progress.pulled).toBeLessThanOrEqual(64 * 1024);
    expect(await stillsOfReview(site.db, reviewId)).toHaveLength(0);
  });

  it("uploads one file at a time for the script, answering with the new row or the reason", async () => {
    const ok = await postMultipart(
      site.app,
      `${page()}/upload`,
      [{ name: "_csrf", value: site.token }, file("frame.jpg", await jpegImage())],
      { cookie: site.cookie, sized: true },
    );
    expect(ok.response.status).toBe(200);
    const answer = (await ok.response.json()) as { ok: boolean; id: number; row: string };
    expect(answer.ok).toBe(true);
    expect(answer.row).toContain(`id="alt-${answer.id}"`);
    const bad = await postMultipart(
      site.app,
      `${page()}/upload`,
      [{ name: "_csrf", value: site.token }, file("bomb.png", pngBomb(), "image/png")],
      { cookie: site.cookie, sized: true },
    );
    expect(bad.response.status).toBe(400);
    expect(((await bad.response.json()) as { message: string }).message).toMatch(
      /30000 × 30000 pixels/,
    );
    const expired = await postMultipart(
      site.app,
      `${page()}/upload`,
      [{ name: "_csrf", value: "forged" }, file("frame.jpg", await jpegImage())],
      { cookie: site.cookie, sized: true },
    );
    expect(expired.response.status).toBe(403);
    expect(await stillsOfReview(site.db, reviewId)).toHaveLength(1);
  });

  it("strips EXIF, GPS, XMP and the ICC profile from every stored variant", async () => {
    const source = await jpegWithLocation();
    const meta = await sharp(source).metadata();
    expect(meta.exif).toBeDefined();
    expect(meta.xmp).toBeDefined();
    expect(meta.icc).toBeDefined();
    expect(source.includes("SECRET-DESCRIPTION")).toBe(true);
    await upload([file("located.jpg", source)]);
    const [still] = await stillsOfReview(site.db, reviewId);
    const variants = variantsOf(still!);
    expect(variants).toHaveLength(6);
    for (const v of variants) {
      const stored = fs.readFileSync(path.join(site.db.mediaDir, v.path));
      const m = await sharp(stored).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      for (const secret of ["SECRET-DESCRIPTION", "Secret Photographer", "SECRET-XMP", "Exif"]) {
        expect(stored.includes(secret)).toBe(false);
      }
    }
  });

  it("reorders with Move up and Move down, saving typed alt text with each move", async () => {
    await upload([
      file("a.jpg", await jpegImage(1000, 500)),
      file("b.jpg", await jpegImage(1001, 500)),
      file("c.jpg", await jpegImage(1002, 500)),
    ]);
    const [a, b, c] = await stillsOfReview(site.db, reviewId);
    const move = (action: string, extra: Record<string, string> = {}) =>
      postForm(
        site.app,
        page(),
        { _csrf: site.token, order: String(a!.id), action, ...extra },
        { cookie: site.cookie },
      );
    const moved = await move(`up:${c!.id}`, { [`alt-${c!.id}`]: "The third frame" });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`${page()}?done=moved#still-${c!.id}`);
    expect((await stillsOfReview(site.db, reviewId)).map((s) => s.id)).toEqual([
      a!.id,
      c!.id,
      b!.id,
    ]);
    expect((await stillsOfReview(site.db, reviewId))[1]!.alt).toBe("The third frame");
    await move(`down:${a!.id}`);
    expect((await stillsOfReview(site.db, reviewId)).map((s) => s.id)).toEqual([
      c!.id,
      a!.id,
      b!.id,
    ]);
    // At an end, a move changes nothing.
    await move(`up:${c!.id}`);
    expect((await stillsOfReview(site.db, reviewId)).map((s) => s.id)).toEqual([
      c!.id,
      a!.id,
      b!.id,
    ]);
    // The order the form sends (drag and drop) is saved as given.
    const multipart = await upload([
      { name: "order", value: String(b!.id) },
      { name: "order", value: String(c!.id) },
      { name: "order", value: String(a!.id) },
      { name: "action", value: "save" },
    ]);
    expect(multipart.response.status).toBe(303);
    expect((await stillsOfReview(site.db, reviewId)).map((s) => s.id)).toEqual([
      b!.id,
      c!.id,
      a!.id,
    ]);
    const { document } = await getAs(site.app, page(), site.cookie);
    const buttons = [...document.querySelectorAll(".still-list li")].map((li) =>
      [...li.querySelectorAll("button")].map((button) => ({
        text: textOf(button),
        disabled: button.hasAttribute("disabled"),
      })),
    );
    expect(buttons[0]![0]).toEqual({ text: "Move up still 1", disabled: true });
    expect(buttons[2]![1]).toEqual({ text: "Move down still 3", disabled: true });
  });

  it("keeps typed alt text and stores nothing when the form has expired", async () => {
    await upload([file("a.jpg", await jpegImage())]);
    const [a] = await stillsOfReview(site.db, reviewId);
    const { response } = await postMultipart(
      site.app,
      page(),
      [
        { name: "_csrf", value: "stale" },
        { name: `alt-${a!.id}`, value: "Typed before the session ended" },
        file("b.jpg", await jpegImage()),
      ],
      { cookie: site.cookie, sized: true },
    );
    expect(response.status).toBe(403);
    const { parseHTML } = await import("linkedom");
    const { document } = parseHTML(await response.text());
    expect(textOf(document.querySelector(".form-error"))).toContain("This form expired");
    expect(document.querySelector(`#alt-${a!.id}`)?.textContent).toBe(
      "Typed before the session ended",
    );
    const stills = await stillsOfReview(site.db, reviewId);
    expect(stills.map((s) => s.alt)).toEqual([""]);
  });

  it("removes a still after asking, with its files", async () => {
    await upload([file("a.jpg", await jpegImage()), file("b.jpg", await jpegImage(700, 400))]);
    const [a, b] = await stillsOfReview(site.db, reviewId);
    const asked = await postForm(
      site.app,
      page(),
      { _csrf: site.token, action: `remove:${a!.id}` },
      { cookie: site.cookie },
    );
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe(`${page()}/${a!.id}/remove`);
    const confirm = await getAs(site.app, `${page()}/${a!.id}/remove`, site.cookie);
    expect(confirm.response.status).toBe(200);
    expect(textOf(confirm.document.querySelector("h1"))).toBe("Remove still 1?");
    expect(await stillsOfReview(site.db, reviewId)).toHaveLength(2);
    const done = await postForm(
      site.app,
      `${page()}/${a!.id}/remove`,
      { _csrf: site.token },
      { cookie: site.cookie },
    );
    expect(done.status).toBe(303);
    expect((await stillsOfReview(site.db, reviewId)).map((s) => s.id)).toEqual([b!.id]);
    for (const v of variantsOf(a!)) {
      expect(fs.existsSync(path.join(site.db.mediaDir, v.path))).toBe(false);
    }
    const again = await postForm(
      site.app,
      `${page()}/${a!.id}/remove`,
      { _csrf: site.token },
      { cookie: site.cookie },
    );
    expect(again.status).toBe(404);
  });

  it("refuses to publish or schedule while a still has no alt text, keeping the review typed", async () => {
    await upload([file("a.jpg", await jpegImage()), file("b.jpg", await jpegImage())]);
    const [a, b] = await stillsOfReview(site.db, reviewId);
    await postForm(
      site.app,
      page(),
      { _csrf: site.token, [`alt-${a!.id}`]: "A diner at night" },
      { cookie: site.cookie },
    );
    const edit = `/admin/reviews/${reviewId}/edit`;
    const typed = {
      _csrf: site.token,
      filmId: String(site.fixture.films.friday.id),
      body: "Rewritten *just now*, not yet saved.",
      tags: "",
      watchedOn: "",
      publishAt: "",
    };
    for (const [intent, publishAt] of [
      ["publish", ""],
      ["schedule", "2099-05-01T20:00"],
    ] as const) {
      const refused = await postForm(
        site.app,
        edit,
        { ...typed, intent, publishAt },
        { cookie: site.cookie },
      );
      expect(refused.status).toBe(400);
      const { parseHTML } = await import("linkedom");
      const { document } = parseHTML(await refused.text());
      const message = textOf(document.querySelector(".form-error"));
      expect(message).toContain("still 2 has no alt text");
      expect(message).not.toContain("still 1");
      expect(document.querySelector("textarea[name=body]")?.innerHTML).toContain("not yet saved");
    }
    const review = await site.db.kysely
      .selectFrom("reviews")
      .select(["status", "body_md"])
      .where("id", "=", reviewId)
      .executeTakeFirstOrThrow();
    expect(review).toEqual({ status: "draft", body_md: "A draft with pictures." });
    // A draft may still be saved without alt text.
    expect(
      (await postForm(site.app, edit, { ...typed, intent: "draft" }, { cookie: site.cookie }))
        .status,
    ).toBe(303);

    await postForm(
      site.app,
      page(),
      { _csrf: site.token, [`alt-${b!.id}`]: "A man reading the paper" },
      { cookie: site.cookie },
    );
    const published = await postForm(
      site.app,
      edit,
      { ...typed, intent: "publish" },
      { cookie: site.cookie },
    );
    expect(published.status).toBe(303);
  });

  it("refreshes the public review page when alt text, captions or order change", async () => {
    await upload([file("a.jpg", await jpegImage()), file("b.jpg", await jpegImage(800, 400))]);
    const [a, b] = await stillsOfReview(site.db, reviewId);
    const describe = (altA: string, altB: string, order: number[]) =>
      upload([
        { name: `alt-${a!.id}`, value: altA },
        { name: `alt-${b!.id}`, value: altB },
        { name: `caption-${b!.id}`, value: "Second frame" },
        ...order.map((id) => ({ name: "order", value: String(id) })),
      ]);
    await describe("First alt", "Second alt", [a!.id, b!.id]);
    const edit = `/admin/reviews/${reviewId}/edit`;
    const published = await postForm(
      site.app,
      edit,
      {
        _csrf: site.token,
        filmId: String(site.fixture.films.friday.id),
        body: "Published with stills.",
        intent: "publish",
      },
      { cookie: site.cookie },
    );
    expect(published.status).toBe(303);
    const slug = (
      await site.db.kysely
        .selectFrom("reviews")
        .select("slug")
        .where("id", "=", reviewId)
        .executeTakeFirstOrThrow()
    ).slug;
    const alts = async () => {
      const { parseHTML } = await import("linkedom");
      const html = await (await site.app.request(`/review/${slug}`)).text();
      return [...parseHTML(html).document.querySelectorAll("figure.still img")].map((img) =>
        img.getAttribute("alt"),
      );
    };
    expect(await alts()).toEqual(["First alt", "Second alt"]);
    announced.length = 0;
    await describe("First alt, changed", "Second alt", [b!.id, a!.id]);
    expect(announced.flat()).toContain(`review:${slug}`);
    expect(await alts()).toEqual(["Second alt", "First alt, changed"]);
  });
});

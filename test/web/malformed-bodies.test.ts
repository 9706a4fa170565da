// Every route that takes a POST, walked with bodies a hostile or broken client sends: a
// multipart body with no boundary, the wrong one, cut short, with endless part headers or a
// nameless part is a 400 with a short message and a warning in the log — never a 500, never
// an error-level line. Broken URL-encoded and JSON bodies are never a 500 either.
import net from "node:net";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config.ts";
import { createApp } from "../../src/web/app.tsx";
import { createNodeServer } from "../../src/web/node-server.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { signIn } from "../admin/admin-client.ts";

interface LogLine {
  level: number;
  msg: string;
}

function capturingServices(db: TestDb) {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: "info" },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  const config: Config = {
    ...loadConfig({ HOST: "127.0.0.1", PORT: "4000", CINELOG_DATA_DIR: db.mediaDir }),
    mediaDir: db.mediaDir,
  };
  return { services: { db, config, logger }, lines };
}

/** A concrete address for a route pattern: each parameter given a value that exists. */
function concretePath(pattern: string, slug: string): string {
  return pattern
    .replace(/:(\w+)(?:\{([^}]*)\})?/g, (_, name: string, pattern: string | undefined) => {
      // A parameter that is one of a few words (`{wordpress|letterboxd}`) takes the first.
      if (pattern && /^[\w|-]+$/.test(pattern)) return pattern.split("|")[0]!;
      if (name === "slug") return slug;
      if (name === "provider") return "github";
      if (name === "token") return "not-a-token";
      return "1";
    })
    .replace(/\*/g, "x");
}

const boundary = "----cinelog-test-boundary";
const multipartType = `multipart/form-data; boundary=${boundary}`;
const goodPart = `--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nHello\r\n`;

/** Broken multipart bodies, each with the Content-Type it is sent under. */
const brokenMultipart: [string, string, string][] = [
  ["no boundary parameter", "multipart/form-data", `${goodPart}--${boundary}--\r\n`],
  ["an empty boundary", "multipart/form-data; boundary=", `${goodPart}--${boundary}--\r\n`],
  ["another boundary", multipartType, goodPart.replaceAll(boundary, "other") + "--other--\r\n"],
  ["a body cut short", multipartType, goodPart + `--${boundary}\r\nContent-Disposition: form`],
  [
    "endless part headers",
    multipartType,
    `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${"a".repeat(40_000)}`,
  ],
  [
    "a part with no name",
    multipartType,
    `--${boundary}\r\nX: y\r\n\r\nvalue\r\n--${boundary}--\r\n`,
  ],
  ["a broken boundary line", multipartType, `--${boundary}XX\r\n\r\n--${boundary}--\r\n`],
];

/** Broken bodies of other kinds: no 400 promised, but never a 500. */
const brokenOther: [string, string, Uint8Array<ArrayBuffer> | string][] = [
  [
    "URL-encoded with bad escapes and bytes",
    "application/x-www-form-urlencoded",
    new Uint8Array([...Buffer.from("%%%=%zz&a=%E0%A4%A&email=%00&&==&"), 0xff, 0xfe, 0x00, 0x80]),
  ],
  ["URL-encoded, empty", "application/x-www-form-urlencoded", ""],
  ["JSON cut short", "application/json", '{"email": "a@b'],
  ["text", "text/plain", "\u0000\u0001"],
];

describe.each(dialects)("malformed request bodies on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof createApp>;
  let lines: LogLine[];
  let cookie: string;
  let slug: string;
  let postPaths: string[];

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    slug = fixture.reviews.vegasReview.slug;
    const built = capturingServices(db);
    lines = built.lines;
    app = createApp(built.services);
    cookie = await signIn(app, "critic@example.com");
    postPaths = [
      ...new Set(
        app.routes
          .filter((route) => route.method === "POST")
          .map((route) => concretePath(route.path, slug)),
      ),
    ];
  });
  afterAll(async () => {
    await db.dispose();
  });

  const send = (
    path: string,
    type: string,
    body: Uint8Array<ArrayBuffer> | string,
    signedIn = true,
  ) =>
    app.request(path, {
      method: "POST",
      body,
      headers: {
        "content-type": type,
        "sec-fetch-site": "same-origin",
        ...(signedIn ? { cookie } : {}),
      },
    });

  it("finds every POST route, public and admin", () => {
    for (const path of [
      "/admin/sign-in",
      `/review/${slug}/comments`,
      "/auth/github/start",
      "/auth/commenter/change",
      "/auth/commenter/logout",
      "/admin/reviews/1/stills",
      "/admin/imports/wordpress",
    ]) {
      expect(postPaths).toContain(path);
    }
    expect(postPaths.length).toBeGreaterThan(40);
  });

  it.each(brokenMultipart)("answers %s with a 400 on every POST route", async (_, type, body) => {
    for (const signedIn of [false, true]) {
      for (const path of postPaths) {
        lines.length = 0;
        const response = await send(path, type, body, signedIn);
        const text = await response.text();
        // Unsigned requests to admin pages other than sign-in may be turned away before any
        // body is read (a 403 or the sign-in page): that is fine, a 500 never is.
        if (signedIn || !path.startsWith("/admin/") || path.startsWith("/admin/sign-in")) {
          expect({ path, signedIn, status: response.status }).toEqual({
            path,
            signedIn,
            status: 400,
          });
        } else {
          expect({ path, status: response.status }).toEqual({
            path,
            status: expect.toSatisfy((s: number) => s >= 300 && s < 500) as number,
          });
        }
        expect(text.length).toBeLessThan(20_000);
        expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      }
    }
    // The refusals were logged, at warn.
    lines.length = 0;
    await send("/admin/sign-in", type, body, false);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[40, "request body refused"]]);
  });

  it("says what was wrong on the 400 page", async () => {
    const response = await send(`/review/${slug}/comments`, multipartType, goodPart, false);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("This request could not be read");
    expect(html).toContain("The upload ended before it was complete.");
  });

  it.each(brokenOther)("never answers %s with a 500", async (_, type, body) => {
    for (const signedIn of [false, true]) {
      for (const path of postPaths) {
        lines.length = 0;
        const response = await send(path, type, body, signedIn);
        await response.arrayBuffer();
        expect({ path, signedIn, status: response.status }).toEqual({
          path,
          signedIn,
          status: expect.toSatisfy((s: number) => s < 500) as number,
        });
        expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      }
    }
  });

  it("refuses a form too large to read with a 413", async () => {
    const body = "email=" + "a".repeat(5 * 1024 * 1024);
    const response = await send("/admin/sign-in", "application/x-www-form-urlencoded", body);
    expect(response.status).toBe(413);
  });

  it("answers a body that breaks off on a real socket with a 400", async () => {
    const server = createNodeServer(capturingServices(db).services);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.write(
            "POST /admin/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
              `Content-Type: ${multipartType}\r\nContent-Length: 1000\r\n\r\n` +
              goodPart,
          );
          // Half-close: the server sees the body end 900 bytes early, and can still answer.
          socket.end();
        });
        let data = "";
        socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
        socket.on("close", () => resolve(data));
        socket.on("error", reject);
      });
      // Node itself may answer a request cut short at the HTTP level (400); the app must not
      // have turned it into a 500.
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

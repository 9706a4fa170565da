// Cinelog behind Debian's nginx on loopback, with contrib/nginx-cinelog.conf itself (the
// placeholders filled) and a throw-away certificate: HSTS from the proxy, media straight from
// disk, cached pages keeping ETag and Cache-Control (and their 304), forwarded headers trusted
// from nginx with CINELOG_TRUSTED_PROXY_HOPS=1 and ignored without it. Clients connect from
// other loopback addresses (127.0.0.2, …) so that nginx has a real client address to forward.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimumFillMs } from "../../src/domain/moderation/rules.ts";
import { freePort } from "../support/cli.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";

const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}) {
  return send(url, { headers });
}

/** One request over http or https, from a chosen loopback address when `from` is given. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string },
) {
  const client = url.startsWith("https:") ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers ?? {},
        rejectUnauthorized: false,
        localAddress: options.from,
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | string[]>,
            body,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiesOf = (answer: Answer) => ([] as string[]).concat(answer.headers["set-cookie"] ?? []);

describe("Cinelog behind nginx", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof serveForTest>>;
  /** The same site served straight to clients, without CINELOG_TRUSTED_PROXY_HOPS. */
  let direct: Awaited<ReturnType<typeof serveForTest>>;
  let slug: string;
  let proxy: ChildProcess | undefined;
  let dir: string;
  let base: string;
  beforeAll(async () => {
    // Skip nothing silently: without nginx this fails and says what to install.
    if (!nginx) throw new Error("nginx is not installed: apt-get install nginx (.ci/run does)");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-nginx-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    db = await openTestDb("sqlite");
    slug = (await buildFixture(db)).reviews.vegasReview.slug;
    fs.mkdirSync(path.join(db.mediaDir, "stills"), { recursive: true });
    fs.writeFileSync(path.join(db.mediaDir, "stills", "on-disk.txt"), "only on disk\n");
    // nginx's workers run as an unprivileged user: they must be able to read the media.
    for (let d = path.join(db.mediaDir, "stills"); d !== os.tmpdir(); d = path.dirname(d)) {
      fs.chmodSync(d, 0o755);
    }
    const [tlsPort, plainPort] = [await freePort(), await freePort()];
    base = `https://127.0.0.1:${tlsPort}`;
    app = await serveForTest(db, { siteUrl: base, trustedProxyHops: 1 });
    direct = await serveForTest(db, { siteUrl: base, trustedProxyHops: 0 });
    const site = fs
      .readFileSync(path.resolve(import.meta.dirname, "../../contrib/nginx-cinelog.conf"), "utf8")
      .replaceAll("@APP_PORT@", new URL(app.base).port)
      .replaceAll("@LISTEN@", `127.0.0.1:${tlsPort}`)
      .replaceAll("@PLAIN_LISTEN@", `127.0.0.1:${plainPort}`)
      .replaceAll("@SERVER_NAME@", "127.0.0.1")
      .replaceAll("@CERT@", path.join(dir, "cert.pem"))
      .replaceAll("@KEY@", path.join(dir, "key.pem"))
      .replaceAll("@MEDIA_DIR@", db.mediaDir);
    fs.writeFileSync(path.join(dir, "site.conf"), site);
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\n` +
        `events { worker_connections 64; }\n` +
        `http { include /etc/nginx/mime.types; access_log off;\n` +
        `client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;\n` +
        `fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;\n` +
        `include ${dir}/site.conf; }\n`,
    );
    proxy = spawn(nginx, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    proxy.stderr?.on("data", (d: Buffer) => (errors += d.toString()));
    for (let i = 0; ; i += 1) {
      try {
        await get(`${base}/healthz`);
        break;
      } catch (error) {
        if (i > 100 || proxy.exitCode !== null)
          throw new Error(`nginx did not start: ${errors}`, { cause: error });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 60_000);
  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((r) => proxy!.once("exit", r));
      proxy.kill("SIGTERM");
      await exited;
    }
    await app?.close();
    await direct?.close();
    await db?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds HSTS and passes a cached page's ETag, Cache-Control and 304 through", async () => {
    const first = await get(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers["strict-transport-security"]).toMatch(/^max-age=63072000/);
    expect(first.headers["cache-control"]).toMatch(/public/);
    const etag = String(first.headers.etag ?? "");
    expect(etag).toBeTruthy();
    const again = await get(`${base}/`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
  });

  it("serves media from disk with a long lifetime", async () => {
    const media = await get(`${base}/media/stills/on-disk.txt`);
    expect(media.status).toBe(200);
    expect(media.body).toBe("only on disk\n");
    expect(media.headers["cache-control"]).toBe("public, max-age=2592000");
  });

  it("sets the sign-in cookie Secure under https", async () => {
    const setup = await get(`${base}/admin/sign-in`);
    expect(setup.status).toBe(200);
    const cookies = cookiesOf(setup);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/i);
  });

  /** The addresses the comment-token allowance has counted requests against. */
  const countedAddresses = async () =>
    (
      await db.kysely
        .selectFrom("sign_in_attempts")
        .select("key")
        .where("key", "like", "comment-token:%")
        .execute()
    ).map((row) => row.key.slice("comment-token:".length));

  it("keys the rate limit on the client address nginx forwards, not on a forged one", async () => {
    const token = `${base}/review/${slug}/comments/token`;
    // The client forges an X-Forwarded-For; nginx appends the address it really saw.
    const first = await send(token, {
      from: "127.0.0.2",
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(first.status).toBe(200);
    expect(await countedAddresses()).toEqual(["127.0.0.2"]);

    // Spend the rest of 127.0.0.2's allowance (60 an hour) in the database, then ask again.
    const at = new Date().toISOString();
    await db.kysely
      .insertInto("sign_in_attempts")
      .values(Array.from({ length: 59 }, () => ({ key: "comment-token:127.0.0.2", at })))
      .execute();
    expect((await send(token, { from: "127.0.0.2" })).status).toBe(429);
    // Forging another address does not get round it: nginx's entry is the one believed.
    const forged = await send(token, {
      from: "127.0.0.2",
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    expect(forged.status).toBe(429);
    // Another client, behind the same proxy, is not limited by the first one's requests.
    expect((await send(token, { from: "127.0.0.3" })).status).toBe(200);
    expect((await countedAddresses()).filter((a) => a !== "127.0.0.2")).toEqual(["127.0.0.3"]);
  });

  it("ignores X-Forwarded-For sent straight to an app that trusts no proxy", async () => {
    await db.kysely.deleteFrom("sign_in_attempts").execute();
    const answer = await send(`${direct.base}/review/${slug}/comments/token`, {
      from: "127.0.0.5",
      headers: { "x-forwarded-for": "203.0.113.50", "x-forwarded-proto": "https" },
    });
    expect(answer.status).toBe(200);
    expect(await countedAddresses()).toEqual(["127.0.0.5"]);
  });

  it("gives https addresses, and a Secure commenter cookie only when nginx says https", async () => {
    // Absolute addresses in pages and redirects name https, the scheme the reader used.
    const home = await get(`${base}/`);
    expect(home.body).toContain(`href="${base}/`);
    expect(home.body).not.toMatch(/(href|content)="http:\/\/127\.0\.0\.1/);
    const admin = await get(`${base}/admin`);
    expect(admin.status).toBe(303);
    expect(String(admin.headers.location)).not.toMatch(/^http:/);

    const tokenOf = async (at: string, from: string) => {
      const answer = await send(`${at}/review/${slug}/comments/token`, { from });
      return (JSON.parse(answer.body) as { token: string }).token;
    };
    const [proxied, straight] = [
      await tokenOf(base, "127.0.0.6"),
      await tokenOf(direct.base, "127.0.0.7"),
    ];
    await new Promise((resolve) => setTimeout(resolve, minimumFillMs + 200));
    const post = (at: string, token: string, from: string, headers: Record<string, string>) =>
      send(`${at}/review/${slug}/comments`, {
        method: "POST",
        from,
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({
          comment: "The last scene in the motel, and what it leaves unsaid.",
          name: "Proxy Reader",
          email: `reader-${from}@example.com`,
          url: "",
          save: "1",
          token,
        }).toString(),
      });
    // Through nginx: X-Forwarded-Proto is https, so the "remember me" cookie is Secure.
    const viaProxy = await post(base, proxied, "127.0.0.6", {});
    expect(viaProxy.status).toBe(303);
    const remembered = cookiesOf(viaProxy).filter((c) => c.startsWith("cinelog_commenter"));
    expect(remembered).toHaveLength(1);
    expect(remembered[0]).toMatch(/; Secure/i);
    // Straight to the app over http, a forged X-Forwarded-Proto does not make it Secure.
    const forged = await post(direct.base, straight, "127.0.0.7", { "x-forwarded-proto": "https" });
    expect(forged.status).toBe(303);
    const plain = cookiesOf(forged).filter((c) => c.startsWith("cinelog_commenter"));
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toMatch(/; Secure/i);
  });
});

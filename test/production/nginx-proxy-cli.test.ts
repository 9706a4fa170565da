// Cinelog behind Debian's nginx on loopback, with contrib/nginx-cinelog.conf itself (the
// placeholders filled) and a throw-away certificate: HSTS from the proxy, media straight from
// disk, cached pages keeping ETag and Cache-Control (and their 304), forwarded headers.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/cli.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { serveForTest } from "../support/server.ts";

const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      const request = https.get(url, { headers, rejectUnauthorized: false }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            body,
          }),
        );
      });
      request.on("error", reject);
    },
  );
}

describe("Cinelog behind nginx", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof serveForTest>>;
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
    fs.mkdirSync(path.join(db.mediaDir, "stills"), { recursive: true });
    fs.writeFileSync(path.join(db.mediaDir, "stills", "on-disk.txt"), "only on disk\n");
    // nginx's workers run as an unprivileged user: they must be able to read the media.
    for (let d = path.join(db.mediaDir, "stills"); d !== os.tmpdir(); d = path.dirname(d)) {
      fs.chmodSync(d, 0o755);
    }
    const [tlsPort, plainPort] = [await freePort(), await freePort()];
    base = `https://127.0.0.1:${tlsPort}`;
    app = await serveForTest(db, { siteUrl: base, trustedProxyHops: 1 });
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
    await db?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds HSTS and passes a cached page's ETag, Cache-Control and 304 through", async () => {
    const first = await get(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers["strict-transport-security"]).toMatch(/^max-age=63072000/);
    expect(first.headers["cache-control"]).toMatch(/public/);
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await get(`${base}/`, { "if-none-match": etag! });
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
    const cookies = ([] as string[]).concat(setup.headers["set-cookie"] ?? []);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/i);
  });
});

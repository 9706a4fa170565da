// Which address a request comes from: the socket's peer, unless the owner said how many
// reverse proxies stand in front; then the entry those proxies wrote into X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueFormToken } from "../../src/domain/comment-tokens.ts";
import { addressBehindProxies, protocolBehindProxies } from "../../src/web/client-address.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";

describe("addressBehindProxies", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(addressBehindProxies("127.0.0.1", "198.51.100.1", 0)).toBe("127.0.0.1");
  });
  it("takes the entry written by the trusted proxies, not what the client claims", () => {
    // The client sent "6.6.6.6" itself; the one trusted proxy appended the real peer.
    expect(addressBehindProxies("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(addressBehindProxies("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2)).toBe(
      "203.0.113.9",
    );
  });
  it("falls back to the socket when the chain is shorter than the proxies", () => {
    expect(addressBehindProxies("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(addressBehindProxies("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(addressBehindProxies("10.0.0.2", "203.0.113.9", 2)).toBe("10.0.0.2");
  });
});

describe("protocolBehindProxies", () => {
  it("keeps the request's own scheme when no proxy is trusted", () => {
    expect(protocolBehindProxies("http:", "https", 0)).toBe("http:");
  });
  it("believes the nearest trusted proxy's X-Forwarded-Proto", () => {
    expect(protocolBehindProxies("http:", "https", 1)).toBe("https:");
    expect(protocolBehindProxies("http:", "https, http", 1)).toBe("http:");
    expect(protocolBehindProxies("http:", "https, http", 2)).toBe("https:");
  });
  it("ignores a value that is no scheme", () => {
    expect(protocolBehindProxies("http:", "javascript", 1)).toBe("http:");
  });
});

describe.each(dialects)("the address stored with a comment on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(() => db.close());

  async function postThrough(hops: number, name: string): Promise<string | undefined> {
    const server = await serveForTest(db, { trustedProxyHops: hops, commentRateLimits: false });
    try {
      const review = f.reviews.vegasReview;
      const body = new URLSearchParams({
        comment: `Posted by ${name}.`,
        name,
        email: `${name}@example.com`,
        url: "",
        fax: "",
        parent_id: "",
        token: await issueFormToken(db, review.id, Date.now() - 60_000),
      });
      const response = await fetch(`${server.base}/review/${review.slug}/comments`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": "198.51.100.23",
        },
        body,
      });
      expect(response.status).toBe(303);
      const row = await db.kysely
        .selectFrom("comments")
        .select("ip")
        .where("author_name", "=", name)
        .executeTakeFirst();
      return row?.ip;
    } finally {
      await server.close();
    }
  }

  it("is the socket's peer by default, whatever the header says", async () => {
    expect(await postThrough(0, "direct")).toBe("127.0.0.1");
  });

  it("is the forwarded address behind one trusted proxy", async () => {
    expect(await postThrough(1, "proxied")).toBe("198.51.100.23");
  });
});

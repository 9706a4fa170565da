// The outgoing-request guard against a real server on loopback: refused without the test
// switch in every spelling of the loopback address, redirects checked hop by hop, answers
// capped in size and time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeFetch, SafeFetchError, type SafeFetchProblem } from "../../src/net/safe-fetch.ts";

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    const n = Number(url.searchParams.get("n") ?? 0);
    switch (url.pathname) {
      case "/ok":
        response.end("hello");
        return;
      case "/hop":
        response.writeHead(302, { location: n > 0 ? `/hop?n=${n - 1}` : "/ok" });
        response.end();
        return;
      case "/to-private":
        response.writeHead(301, { location: "http://10.0.0.1/" });
        response.end();
        return;
      case "/to-metadata":
        response.writeHead(307, { location: "http://[::ffff:169.254.169.254]/latest" });
        response.end();
        return;
      case "/huge":
        // No length announced: the cap must count what arrives.
        for (let i = 0; i < 40; i++) response.write(Buffer.alloc(64 * 1024, 97));
        response.end();
        return;
      case "/huge-declared":
        response.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
        response.write("a");
        return;
      case "/silent":
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function problemOf(promise: Promise<unknown>): Promise<SafeFetchProblem | "none"> {
  try {
    await promise;
    return "none";
  } catch (error) {
    if (error instanceof SafeFetchError) return error.problem;
    throw error;
  }
}

describe("safeFetch", () => {
  it("reaches loopback only with the test switch", async () => {
    const response = await safeFetch(`http://127.0.0.1:${port}/ok`, { allowLoopback: true });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("hello");
    expect(await problemOf(safeFetch(`http://127.0.0.1:${port}/ok`))).toBe("refused-address");
  });

  it.each([
    "http://localhost:PORT/ok",
    "http://2130706433:PORT/ok",
    "http://0x7f000001:PORT/ok",
    "http://0177.0.0.1:PORT/ok",
    "http://127.1:PORT/ok",
    "http://[::1]:PORT/ok",
    "http://[::ffff:127.0.0.1]:PORT/ok",
    "http://[::ffff:7f00:1]:PORT/ok",
    "http://0.0.0.0:PORT/ok",
  ])("refuses %s without the switch", async (address) => {
    expect(await problemOf(safeFetch(address.replace("PORT", String(port))))).toBe(
      "refused-address",
    );
  });

  it("connects to the address it judged, not to what DNS answers the next time", async () => {
    // A rebinding DNS server: to the guard, `localhost` is a public address, and passes; the
    // system's resolver says 127.0.0.1, where the test server listens. A request that looked
    // the name up again to connect would reach that server; a pinned one goes to the address
    // judged (unreachable here) and fails without the server ever being asked.
    let served = 0;
    server.on("request", () => (served += 1));
    const resolve = () => Promise.resolve([{ address: "93.184.216.34", family: 4 }]);
    const problem = await problemOf(
      safeFetch(`http://localhost:${port}/ok`, { resolve, timeoutMs: 1500 }),
    );
    expect(["network", "timeout"]).toContain(problem);
    expect(served).toBe(0);
    // The same lookup from the system's resolver is refused outright, so nothing here was
    // reached by a fallback either.
    expect(await problemOf(safeFetch(`http://localhost:${port}/ok`))).toBe("refused-address");
  });

  it("refuses what is not an http(s) address", async () => {
    for (const address of ["file:///etc/passwd", "ftp://example.com/", "not a url", ""]) {
      expect(await problemOf(safeFetch(address))).toBe("bad-url");
    }
    expect(
      await problemOf(safeFetch(`http://me:secret@127.0.0.1:${port}/ok`, { allowLoopback: true })),
    ).toBe("bad-url");
    expect(
      await problemOf(
        safeFetch(`http://127.0.0.1:${port}/ok`, { allowLoopback: true, httpsOnly: true }),
      ),
    ).toBe("bad-url");
  });

  it("follows up to five redirects, checking each hop", async () => {
    const five = await safeFetch(`http://127.0.0.1:${port}/hop?n=4`, { allowLoopback: true });
    expect(five.status).toBe(200);
    expect(five.url.pathname).toBe("/ok");
    expect(
      await problemOf(safeFetch(`http://127.0.0.1:${port}/hop?n=5`, { allowLoopback: true })),
    ).toBe("too-many-redirects");
    expect(
      await problemOf(safeFetch(`http://127.0.0.1:${port}/to-private`, { allowLoopback: true })),
    ).toBe("refused-address");
    expect(
      await problemOf(safeFetch(`http://127.0.0.1:${port}/to-metadata`, { allowLoopback: true })),
    ).toBe("refused-address");
  });

  it("caps the size of an answer, announced or not", async () => {
    const options = { allowLoopback: true, maxBytes: 1024 * 1024 };
    expect(await problemOf(safeFetch(`http://127.0.0.1:${port}/huge`, options))).toBe("too-large");
    expect(await problemOf(safeFetch(`http://127.0.0.1:${port}/huge-declared`, options))).toBe(
      "too-large",
    );
  });

  it("gives up on a site that never answers", async () => {
    const options = { allowLoopback: true, timeoutMs: 300 };
    expect(await problemOf(safeFetch(`http://127.0.0.1:${port}/silent`, options))).toBe("timeout");
  });
});

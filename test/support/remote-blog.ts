// A small blog on another "site" for Webmention tests, on 127.0.0.1: it serves the pages a
// test gives it (an h-entry linking to one of our reviews, say), can advertise a Webmention
// endpoint by Link header or in its HTML, and records every request and every Webmention it
// receives. A real HTTP server: the app's worker reaches it through the same safe fetch as
// any other site (with the test-only loopback switch).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RemotePage {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface ReceivedMention {
  source: string;
  target: string;
}

export interface RemoteBlog {
  origin: string;
  url(path: string): string;
  /** Serves `page` at `path` from now on (replacing what was there). */
  page(path: string, page: RemotePage): void;
  /** Every request, as "METHOD /path". */
  requests: string[];
  /** Webmentions posted to /endpoint. */
  received: ReceivedMention[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export async function startRemoteBlog(): Promise<RemoteBlog> {
  const pages = new Map<string, RemotePage>();
  const requests: string[] = [];
  const received: ReceivedMention[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://remote").pathname;
    requests.push(`${request.method} ${path}`);
    if (request.method === "POST" && path === "/endpoint") {
      void readBody(request).then((body) => {
        const form = new URLSearchParams(body);
        received.push({ source: form.get("source") ?? "", target: form.get("target") ?? "" });
        response.writeHead(202, { "content-type": "text/plain" }).end("Accepted");
      });
      return;
    }
    const page = pages.get(path);
    if (!page) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    response.writeHead(page.status ?? 200, {
      "content-type": "text/html; charset=utf-8",
      ...page.headers,
    });
    response.end(page.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    page: (path, page) => pages.set(path, page),
    requests,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An h-entry page as IndieWeb blogs write them; `property` names how it points at `target`. */
export function hEntryPage(options: {
  target: string;
  property?: "in-reply-to" | "like-of" | "repost-of";
  content?: string;
  authorName?: string;
  authorUrl?: string;
  /** Leave the link to the target out (an edited page that no longer mentions it). */
  withoutLink?: boolean;
}): string {
  const link = options.withoutLink
    ? ""
    : options.property
      ? `<a class="u-${options.property}" href="${options.target}">the review</a>`
      : `<p>See <a href="${options.target}">this review</a>.</p>`;
  return `<!doctype html><html><head><title>A post</title></head><body>
<article class="h-entry">
  <span class="p-author h-card"><img class="u-photo" src="/me.jpg" alt="">
    <a class="u-url p-name" href="${options.authorUrl ?? "https://remote.example/"}">${options.authorName ?? "Rita Remote"}</a></span>
  <time class="dt-published" datetime="2026-05-01T10:00:00Z">1 May 2026</time>
  ${link}
  <div class="e-content">${options.content ?? "A fine piece on a fine film."}</div>
</article></body></html>`;
}

// Simulated fediverse servers for delivery tests and the bench: plain HTTP servers on loopback
// addresses (127.0.0.x) that count every activity POSTed to each inbox path, answer 202, or a
// status of the test's choosing, or never at all (a hung server). A server may check the HTTP
// signature of what it receives with Fedify's own verifier (fetching the sender's key), as a
// real server does; the bench checks only a sample, to keep the receiving side light.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyRequest } from "@fedify/fedify";
import { getDocumentLoader } from "@fedify/vocab-runtime";

export interface InboxPost {
  /** The full inbox URL posted to. */
  inbox: string;
  type: string;
  object: unknown;
  /** When checked: the key that signed it (its id), or null when the signature failed. */
  signedBy?: string | null;
}

export interface InboxServer {
  origin: string;
  /** While set: answer this status (0: never answer) and record nothing. */
  status: number | null;
  close(): Promise<void>;
}

export interface CountingInboxes {
  posts: InboxPost[];
  /** `verifyOneIn`: check the signature of one post in this many (1: every one). */
  start(host: string, options?: { verifyOneIn?: number }): Promise<InboxServer>;
  close(): Promise<void>;
}

const loader = getDocumentLoader({ allowPrivateAddress: true });

async function signer(request: Request): Promise<string | null> {
  const key = await verifyRequest(request, { documentLoader: loader, contextLoader: loader });
  return key?.id?.href ?? null;
}

export function countingInboxes(): CountingInboxes {
  const posts: InboxPost[] = [];
  const servers: { server: Server; state: InboxServer }[] = [];
  let received = 0;
  return {
    posts,
    async start(host, options = {}) {
      const state: InboxServer = { origin: "", status: null, close: () => Promise.resolve() };
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          if (state.status === 0) return; // hung: the connection stays open, unanswered
          if (req.method !== "POST" || state.status !== null) {
            res.writeHead(state.status ?? 405);
            res.end();
            return;
          }
          const body = Buffer.concat(chunks).toString("utf8");
          const parsed = JSON.parse(body) as { type: string; object: unknown };
          const inbox = `${state.origin}${req.url ?? "/"}`;
          const post: InboxPost = { inbox, type: parsed.type, object: parsed.object };
          const verify =
            options.verifyOneIn !== undefined && received++ % options.verifyOneIn === 0;
          const record = verify
            ? signer(
                new Request(inbox, {
                  method: "POST",
                  headers: req.headers as Record<string, string>,
                  body,
                }),
              ).then(
                (key) => {
                  post.signedBy = key;
                },
                () => {
                  post.signedBy = null;
                },
              )
            : Promise.resolve();
          void record.then(() => {
            posts.push(post);
            res.writeHead(202);
            res.end();
          });
        });
      });
      await new Promise<void>((done) => server.listen(0, host, done));
      state.origin = `http://${host}:${(server.address() as AddressInfo).port}`;
      state.close = () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        });
      servers.push({ server, state });
      return state;
    },
    async close() {
      await Promise.all(servers.map((s) => s.state.close()));
    },
  };
}

// Every request Cinelog makes to an address a stranger gave it goes through here. The host is
// resolved once, every address it names is judged (src/net/address-class.ts), and the socket
// connects to the very address that was judged: a DNS answer that changes between the check
// and the connection (rebinding) cannot send the request somewhere else. Redirects are
// followed here, each hop checked again; time and size are bounded.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { judgeAddress } from "./address-class.ts";

export type SafeFetchProblem =
  "bad-url" | "refused-address" | "too-large" | "too-many-redirects" | "timeout" | "network";

export class SafeFetchError extends Error {
  constructor(
    readonly problem: SafeFetchProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface SafeFetchOptions {
  method?: "GET" | "POST";
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Whole request, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Redirects followed for GET; a POST's redirect is returned as it is. */
  maxRedirects?: number;
  /** Refuse plain http (the avatar copy wants https from real providers). */
  httpsOnly?: boolean;
  /**
   * For tests only: 127.0.0.0/8 and ::1 may be reached (the test servers listen there).
   * Every other private address is refused all the same.
   */
  allowLoopback?: boolean;
  /**
   * How a host name is resolved; the system's resolver unless given. A test passes its own to
   * play a DNS server that answers one thing to the check and another to anyone who asks again.
   */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The address that answered, after redirects. */
  url: URL;
}

export const defaultTimeoutMs = 10_000;
const defaultMaxBytes = 1024 * 1024;
const defaultMaxRedirects = 5;

/** The URL, checked: http(s), no user name or password in it. */
function checkUrl(raw: string | URL, httpsOnly = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError("bad-url", "not a web address");
  }
  const schemes = httpsOnly ? ["https:"] : ["http:", "https:"];
  if (!schemes.includes(url.protocol)) {
    throw new SafeFetchError("bad-url", `${url.protocol} addresses are not fetched`);
  }
  if (url.username || url.password) {
    throw new SafeFetchError("bad-url", "addresses with a user name are not fetched");
  }
  return url;
}

function resolveAll(
  host: string,
  resolve: SafeFetchOptions["resolve"] = systemResolve,
): Promise<LookupAddress[]> {
  const literal = host.replace(/^\[|\]$/g, "");
  const family = isIP(literal);
  if (family) return Promise.resolve([{ address: literal, family }]);
  return resolve(host);
}

function systemResolve(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error
        ? reject(new SafeFetchError("network", `cannot resolve ${host}: ${error.code ?? ""}`))
        : resolve(addresses),
    ),
  );
}

/** The one address this hop will connect to; every address the name has must pass. */
async function checkedAddress(
  url: URL,
  allowLoopback: boolean,
  resolve: SafeFetchOptions["resolve"],
): Promise<LookupAddress> {
  const addresses = await resolveAll(url.hostname, resolve);
  if (addresses.length === 0) throw new SafeFetchError("network", `${url.hostname} has no address`);
  for (const { address } of addresses) {
    const verdict = judgeAddress(address);
    if (!verdict.ok && !(allowLoopback && verdict.loopback)) {
      throw new SafeFetchError("refused-address", `${url.hostname} is a ${verdict.reason}`);
    }
  }
  return addresses[0]!;
}

export async function safeFetch(
  raw: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs);
  const maxRedirects = options.maxRedirects ?? defaultMaxRedirects;
  let url = checkUrl(raw, options.httpsOnly);
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(url, options.allowLoopback ?? false, options.resolve);
    const response = await oneRequest(url, address, options, signal);
    const location = response.headers.location;
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location;
    if (!redirect || (options.method ?? "GET") !== "GET") return response;
    if (hop >= maxRedirects) {
      throw new SafeFetchError("too-many-redirects", `more than ${maxRedirects} redirects`);
    }
    url = checkUrl(new URL(location, url), options.httpsOnly);
  }
}

function oneRequest(
  url: URL,
  address: LookupAddress,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<SafeResponse> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const requestOptions: RequestOptions = {
    method: options.method ?? "GET",
    signal,
    headers: {
      "user-agent": "Cinelog",
      ...options.headers,
      ...(body
        ? {
            "content-type": "application/x-www-form-urlencoded",
            "content-length": String(Buffer.byteLength(body)),
          }
        : {}),
    },
    // The connection goes to the address judged above, whatever DNS says by now.
    lookup: (_host, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [address]);
      } else callback(null, address.address, address.family);
    },
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(describe(error, signal));
    const request = send(url, requestOptions, (response) => {
      const declared = Number(response.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        response.destroy();
        reject(new SafeFetchError("too-large", `the answer is larger than ${maxBytes} bytes`));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > maxBytes) {
          response.destroy();
          reject(new SafeFetchError("too-large", `the answer is larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", fail);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          url,
        }),
      );
    });
    request.on("error", fail);
    request.end(body);
  });
}

function describe(error: unknown, signal: AbortSignal): SafeFetchError {
  if (error instanceof SafeFetchError) return error;
  if (signal.aborted) return new SafeFetchError("timeout", "the site took too long to answer");
  const code = (error as { code?: string }).code;
  return new SafeFetchError("network", `the site could not be reached${code ? ` (${code})` : ""}`);
}

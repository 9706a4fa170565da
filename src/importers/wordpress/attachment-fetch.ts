// Fetches an attachment from the old site, when the owner asked for it with
// `--fetch-attachments`: nothing is requested from anyone unless they turn this on. Only
// http and https; the file is read up to the still limit (a bigger one is cut off and
// refused, never buffered whole) and the whole request has a time limit, so a slow or
// hostile server cannot hold the import up or fill the memory.
import { MAX_STILL_BYTES } from "../../media/still-variants.ts";

export interface AttachmentFetchOptions {
  /** The whole request, headers and body; 30 s unless told. */
  timeoutMs?: number;
  /** The largest file read; the still limit (50 MB) unless told. */
  maxBytes?: number;
}

/** Why a file could not be fetched, in a few words for the summary ("HTTP 404"). */
export class AttachmentFetchError extends Error {}

const defaultTimeoutMs = 30_000;

function reasonOf(error: unknown): string {
  if (error instanceof AttachmentFetchError) return error.message;
  const name = (error as Error | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError") return "no answer in time";
  const code = ((error as { cause?: { code?: string } } | undefined)?.cause ?? {}).code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "unknown host";
  if (code === "ECONNRESET") return "connection reset";
  return code ? `network error (${code})` : "network error";
}

export async function fetchAttachment(
  url: string,
  options: AttachmentFetchOptions = {},
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_STILL_BYTES;
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    throw new AttachmentFetchError("not a web address");
  }
  if (address.protocol !== "http:" && address.protocol !== "https:") {
    throw new AttachmentFetchError(
      `${address.protocol.replace(":", "")} addresses are not fetched`,
    );
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? defaultTimeoutMs);
  try {
    // Redirects are followed (an old site often moved to https), and stay on http(s).
    const response = await fetch(address, {
      signal,
      redirect: "follow",
      headers: { accept: "image/*" },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new AttachmentFetchError(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get("content-length"));
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new AttachmentFetchError(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new AttachmentFetchError(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    return Buffer.concat(chunks);
  } catch (error) {
    throw new AttachmentFetchError(reasonOf(error), { cause: error });
  }
}

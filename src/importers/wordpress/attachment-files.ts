// Where an attachment's file comes from: the old site's uploads folder, when the owner gives
// it (`--uploads DIR`), else the old site itself, when the owner turns fetching on
// (`--fetch-attachments`). Otherwise the file is not read at all, and the summary says how
// to bring it in.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MAX_STILL_BYTES } from "../../media/still-variants.ts";
import {
  AttachmentFetchError,
  fetchAttachment,
  type AttachmentFetchOptions,
} from "./attachment-fetch.ts";

/** The reason given for every file neither folder nor fetching could supply. */
const notFetchedReason =
  "attachments not fetched: run with --fetch-attachments or give --uploads DIR";

interface AttachmentFilesOptions {
  uploadsDir?: string | undefined;
  /** Off unless the owner turned it on; an object sets the limits. */
  fetch?: boolean | AttachmentFetchOptions | undefined;
}

type FileResult = { buffer: Buffer } | { missing: string };

/**
 * `https://old.example/wp-content/uploads/2012/03/a.jpg` → `2012/03/a.jpg`; the same for a
 * WordPress.com file host, and for a Cinelog export's `/media/…` files (whose "uploads
 * folder" is the old site's media directory).
 */
export function uploadsPathOf(url: string, baseUrl = ""): string {
  let address: URL;
  try {
    address = new URL(url, baseUrl || undefined);
  } catch {
    return "";
  }
  let file = "";
  const marker = "/wp-content/uploads/";
  const at = address.pathname.indexOf(marker);
  const base = baseUrl ? safeUrl(baseUrl) : undefined;
  if (at >= 0) file = address.pathname.slice(at + marker.length);
  else if (address.hostname.endsWith(".files.wordpress.com")) file = address.pathname.slice(1);
  else if (base && address.host === base.host && address.pathname.startsWith("/media/")) {
    file = address.pathname.slice("/media/".length);
  }
  try {
    return decodeURIComponent(file);
  } catch {
    return "";
  }
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export class AttachmentFiles {
  /** Fetch failures by address: an address that failed once is not asked again this run. */
  readonly #failed = new Map<string, string>();

  constructor(private readonly options: AttachmentFilesOptions) {}

  get fetching(): boolean {
    return Boolean(this.options.fetch);
  }

  async read(file: string, url: string): Promise<FileResult> {
    const local = await this.#fromUploads(file);
    if (local) return { buffer: local };
    if (!this.options.fetch) {
      return {
        missing: this.options.uploadsDir
          ? "attachments not in the uploads folder (run with --fetch-attachments to fetch them)"
          : notFetchedReason,
      };
    }
    if (!/^https?:\/\//i.test(url)) return { missing: "attachments without a web address" };
    const failed = this.#failed.get(url);
    if (failed) return { missing: failed };
    try {
      const limits = typeof this.options.fetch === "object" ? this.options.fetch : {};
      return { buffer: await fetchAttachment(url, limits) };
    } catch (error) {
      if (!(error instanceof AttachmentFetchError)) throw error;
      const reason = `attachments that could not be fetched (${error.message})`;
      this.#failed.set(url, reason);
      return { missing: reason };
    }
  }

  async #fromUploads(file: string): Promise<Buffer | undefined> {
    const dir = this.options.uploadsDir;
    if (!dir || !file) return undefined;
    const root = path.resolve(dir);
    const resolved = path.resolve(root, file);
    // The path comes from the export: it may not lead out of the uploads folder.
    if (!resolved.startsWith(root + path.sep)) return undefined;
    try {
      const buffer = await readFile(resolved);
      return buffer.length <= MAX_STILL_BYTES ? buffer : undefined;
    } catch {
      return undefined;
    }
  }
}

// Receives an export file for an import: streamed straight to disk under the data directory
// (an export may be far larger than anything worth holding in memory), after the form's
// CSRF token (the form sends it first) and before anything else. A file of the wrong kind
// is refused from its first bytes, one over the limit as soon as it passes it; either way
// nothing is left on disk.
import { randomUUID } from "node:crypto";
import { mkdir, open, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { ImportJobKind } from "../../db/schema.ts";
import { boundaryOf, MultipartError, readMultipart, readSmallText } from "../../media/multipart.ts";
import { csrfFieldName, csrfTokenIsValid } from "../auth/csrf.ts";
import { signedInUser } from "../auth/session.ts";
import type { Services } from "../services.ts";
import type { AdminContext } from "./admin-page.ts";

/** The largest export the admin accepts; bigger ones go through the command line. */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const maxImportMegabytes = MAX_IMPORT_BYTES / 1024 / 1024;
/** Room for the form's other fields around the file. */
const formBytes = 64 * 1024;

interface ReceivedUpload {
  originalName: string;
  storedPath: string;
}

interface UploadProblem {
  status: 400 | 403 | 413;
  message: string;
}

interface KindRules {
  extension: string;
  /** Whether the first bytes of the file are what such an export starts with. */
  looksRight: (head: Buffer) => boolean;
  wrongName: (name: string) => string;
  wrongContent: (name: string) => string;
  missing: string;
  command: string;
}

const rules: Record<ImportJobKind, KindRules> = {
  wordpress: {
    extension: ".xml",
    // WordPress writes an XML declaration; a byte-order mark or white space may come first.
    looksRight: (head) => /^(\uFEFF)?\s*<(\?xml|rss)\b/.test(head.toString("utf8")),
    wrongName: (name) =>
      `“${name}” is not a WordPress export: choose the .xml file that Tools → Export in WordPress saves.`,
    wrongContent: (name) =>
      `“${name}” does not look like a WordPress export: it does not start like an XML file.`,
    missing: "Choose a WordPress export (.xml) to upload.",
    command: "cinelog import wordpress FILE.xml",
  },
  letterboxd: {
    extension: ".zip",
    looksRight: (head) => head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
    wrongName: (name) =>
      `“${name}” is not a Letterboxd export: choose the .zip file Letterboxd sends from Settings → Data → Export your data.`,
    wrongContent: (name) =>
      `“${name}” does not look like a Letterboxd export: it is not a zip file.`,
    missing: "Choose a Letterboxd export (.zip) to upload.",
    command: "cinelog import letterboxd EXPORT.zip",
  },
};

const expiredMessage =
  "This form expired (perhaps you signed out meanwhile), so nothing was uploaded. Reload the page and choose the file again.";

function tooLargeMessage(kind: ImportJobKind): string {
  return `The file is larger than ${maxImportMegabytes} MB, the most the admin accepts. Import a larger export on the server with \`${rules[kind].command}\`.`;
}

/** A reason to stop reading the upload, thrown from inside the multipart reader. */
class Refused extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.message);
  }
}

export async function receiveImportUpload(
  c: AdminContext,
  services: Services,
  kind: ImportJobKind,
): Promise<ReceivedUpload | UploadProblem> {
  const rule = rules[kind];
  const { session } = signedInUser(c);
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES + formBytes) {
    return { status: 413, message: tooLargeMessage(kind) };
  }
  const body = c.req.raw.body;
  const boundary = boundaryOf(c.req.header("content-type"));
  if (!body || !boundary) {
    // No file at all: a plain form post, judged by its token first.
    const text = body ? await readSmallText(body, formBytes) : "";
    if (text === undefined) return { status: 413, message: "The form was too large." };
    const token = new URLSearchParams(text).get(csrfFieldName);
    if (!(await csrfTokenIsValid(services.db, session.id, token ?? undefined))) {
      return { status: 403, message: expiredMessage };
    }
    return { status: 400, message: rule.missing };
  }

  const dir = path.join(services.config.dataDir, "imports");
  let csrfValid = false;
  let handle: FileHandle | undefined;
  let storedPath: string | undefined;
  let originalName = "";
  let head = Buffer.alloc(0);
  let checked = false;
  const check = (final: boolean) => {
    if (checked || (head.length < 16 && !final)) return;
    checked = true;
    if (!rule.looksRight(head)) {
      throw new Refused({ status: 400, message: rule.wrongContent(originalName) });
    }
  };
  const discard = async () => {
    await handle?.close().catch(() => undefined);
    handle = undefined;
    if (storedPath) await rm(storedPath, { force: true });
  };

  try {
    let received = false;
    const parts = readMultipart(
      body,
      boundary,
      {
        maxFileBytes: MAX_IMPORT_BYTES,
        maxFiles: 1,
        maxFieldBytes: 4 * 1024,
        maxFields: 20,
        maxTotalBytes: MAX_IMPORT_BYTES + formBytes,
      },
      (file) => {
        if (!csrfValid) throw new Refused({ status: 403, message: expiredMessage });
        originalName = file.filename.split(/[\\/]/).pop() ?? "";
        // An empty file input still sends a part, with no name and no bytes.
        if (originalName === "") return () => Promise.resolve();
        if (!originalName.toLowerCase().endsWith(rule.extension)) {
          throw new Refused({ status: 400, message: rule.wrongName(originalName) });
        }
        return async (chunk) => {
          if (!checked) {
            head = Buffer.concat([head, chunk.subarray(0, 64)]);
            check(false);
          }
          if (!handle) {
            await mkdir(dir, { recursive: true });
            storedPath = path.join(dir, `${randomUUID()}${rule.extension}`);
            handle = await open(storedPath, "wx", 0o600);
          }
          await handle.write(chunk);
        };
      },
    );
    for await (const part of parts) {
      if (part.kind === "field") {
        if (part.name === csrfFieldName && !csrfValid) {
          csrfValid = await csrfTokenIsValid(services.db, session.id, part.value);
        }
        continue;
      }
      if (part.filename === "" || part.size === 0) continue;
      if (part.data === null) throw new Refused({ status: 413, message: tooLargeMessage(kind) });
      check(true);
      received = true;
    }
    if (!csrfValid) throw new Refused({ status: 403, message: expiredMessage });
    if (!received || !storedPath) throw new Refused({ status: 400, message: rule.missing });
    await handle?.close();
    handle = undefined;
    return { originalName, storedPath };
  } catch (error) {
    await discard();
    if (error instanceof Refused) return error.problem;
    if (error instanceof MultipartError) {
      return error.tooLarge
        ? { status: 413, message: tooLargeMessage(kind) }
        : { status: 400, message: `The upload could not be read: ${error.message}` };
    }
    throw error;
  }
}

// Reading a post of the stills page. Uploads are read as they stream in (src/media/multipart.ts),
// never buffered whole, and each file is handed to the domain (domain/still-operations.ts) as
// soon as it has arrived, once the form's token has been checked: a bad file (not an image, cut
// short, over the size limit, a decompression bomb) is refused with its own message while the
// rest of the batch, and the alt text typed on the page, are kept. This is the HTTP side only:
// the request's body, its token, and the form's fields turned into what the domain takes.
import type { Still } from "../../db/schema.ts";
import { addUploadedStill, type StillsPageInput } from "../../domain/still-operations.ts";
import type { StillDetails } from "../../domain/stills.ts";
import { cleanText } from "../../content/clean-text.ts";
import { boundaryOf, MultipartError, readMultipart, readSmallText } from "../../media/multipart.ts";
import { MAX_STILL_BYTES } from "../../media/still-variants.ts";
import { csrfFieldName, csrfTokenIsValid } from "../auth/csrf.ts";
import { signedInUser } from "../auth/session.ts";
import type { Services } from "../services.ts";
import type { AdminContext } from "./admin-page.ts";
import type { RefusedFile, StillValues } from "./views/still-pages.tsx";

/** How many files one post of the stills form may carry. */
const MAX_STILLS_PER_BATCH = 20;
/** Room for the form's other fields (alt text and captions of every still) in a post. */
const formFieldBytes = 1024 * 1024;
export const maxMegabytes = MAX_STILL_BYTES / 1024 / 1024;

interface ReceivedStills {
  fields: Map<string, string[]>;
  added: Still[];
  refused: RefusedFile[];
  /** A problem with the whole post; files stored before it was found are kept. */
  problem?: { status: 400 | 403 | 413; message: string };
}

const expiredMessage =
  "This form expired, so nothing was saved or uploaded. What you typed is below: save again.";

/** A post of the whole stills page: up to 20 files with the alt text of every still. */
export function receiveStillsPage(
  c: AdminContext,
  services: Services,
  reviewId: number,
): Promise<ReceivedStills> {
  return receive(
    c,
    services,
    reviewId,
    MAX_STILLS_PER_BATCH * MAX_STILL_BYTES + formFieldBytes,
    MAX_STILLS_PER_BATCH,
  );
}

/** One file sent by still-upload.js. */
export function receiveOneStill(
  c: AdminContext,
  services: Services,
  reviewId: number,
): Promise<ReceivedStills> {
  return receive(c, services, reviewId, MAX_STILL_BYTES + formFieldBytes, 1);
}

/**
 * Reads a post of the stills form: its fields, and each file stored (or refused) as soon as
 * it has arrived, once the form's token has been checked.
 */
async function receive(
  c: AdminContext,
  services: Services,
  reviewId: number,
  maxBytes: number,
  maxFiles: number,
): Promise<ReceivedStills> {
  const { db } = services;
  const received: ReceivedStills = { fields: new Map(), added: [], refused: [] };
  const addField = (name: string, value: string) =>
    received.fields.set(name, [...(received.fields.get(name) ?? []), value]);
  const { session } = signedInUser(c);
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) {
    received.problem = {
      status: 413,
      message:
        maxFiles === 1
          ? `The file is larger than ${maxMegabytes} MB.`
          : `That upload was ${Math.ceil(declared / 1024 / 1024)} MB in all, too much for one post. Nothing was received: send fewer files at once (up to ${maxMegabytes} MB each).`,
    };
    return received;
  }
  const body = c.req.raw.body;
  const contentType = c.req.header("content-type");
  const boundary = boundaryOf(contentType);
  if (!body || !boundary) {
    // A form without files (or a script-less client) may come URL-encoded.
    const text = body ? await readSmallText(body, formFieldBytes) : "";
    if (text === undefined) {
      received.problem = { status: 413, message: "The form was too large." };
      return received;
    }
    // Cleaned as the multipart reader cleans its fields (src/content/clean-text.ts).
    for (const [name, value] of new URLSearchParams(text)) {
      addField(cleanText(name), cleanText(value));
    }
    if (!(await csrfTokenIsValid(db, session.id, received.fields.get(csrfFieldName)?.[0]))) {
      received.problem = { status: 403, message: expiredMessage };
    }
    return received;
  }

  let csrfValid = false;
  try {
    const parts = readMultipart(body, boundary, {
      maxFileBytes: MAX_STILL_BYTES,
      maxFiles,
      maxFieldBytes: 64 * 1024,
      maxFields: 5000,
      maxTotalBytes: maxBytes,
    });
    for await (const part of parts) {
      if (part.kind === "field") {
        addField(part.name, part.value);
        if (part.name === csrfFieldName && !csrfValid) {
          csrfValid = await csrfTokenIsValid(db, session.id, part.value);
        }
        continue;
      }
      // An empty file input still sends a part: no name, no bytes.
      if (part.filename === "" && part.size === 0) continue;
      if (!csrfValid) {
        received.problem = { status: 403, message: expiredMessage };
        return received;
      }
      if (!part.data) {
        received.refused.push({
          filename: part.filename,
          message: `The file is larger than ${maxMegabytes} MB.`,
        });
        continue;
      }
      const stored = await addUploadedStill(db, services.config.mediaDir, reviewId, part.data);
      if (stored.ok) received.added.push(stored.still);
      else received.refused.push({ filename: part.filename, message: stored.message });
    }
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    received.problem = {
      status: error.tooLarge ? 413 : 400,
      message: `${error.message} Files that arrived whole before that were kept.`,
    };
    return received;
  }
  if (!csrfValid) received.problem = { status: 403, message: expiredMessage };
  return received;
}

/**
 * What the page's fields ask of the domain: alt text and captions (cut to their limits), the
 * order, and a move; and a Remove button pressed, which only leads to its confirmation page.
 */
export function stillsPageRequest(fields: Map<string, string[]>): {
  input: StillsPageInput;
  action?: { kind: "up" | "down" | "remove"; stillId: number };
} {
  const details: StillDetails[] = [];
  for (const [name, values] of fields) {
    // The ids as the page writes them: "alt-007" names no still.
    const match = /^alt-([1-9]\d*)$/.exec(name);
    if (!match) continue;
    details.push({
      id: Number(match[1]),
      alt: (values[0] ?? "").slice(0, 1000),
      caption: (fields.get(`caption-${match[1]}`)?.[0] ?? "").slice(0, 500),
    });
  }
  const order = (fields.get("order") ?? []).map(Number).filter(Number.isInteger);
  const pressed = /^(up|down|remove):(\d+)$/.exec(fields.get("action")?.[0] ?? "");
  if (!pressed) return { input: { details, order } };
  const action = { kind: pressed[1] as "up" | "down" | "remove", stillId: Number(pressed[2]) };
  const move =
    action.kind === "remove" ? undefined : { stillId: action.stillId, direction: action.kind };
  return { input: { details, order, move }, action };
}

/** What was typed for each still, to show again when the post could not be saved. */
export function typedValues(fields: Map<string, string[]>): Map<number, StillValues> {
  const typed = new Map<number, StillValues>();
  for (const [name, values] of fields) {
    const match = /^alt-(\d+)$/.exec(name);
    if (!match) continue;
    typed.set(Number(match[1]), {
      alt: values[0] ?? "",
      caption: fields.get(`caption-${match[1]}`)?.[0] ?? "",
    });
  }
  return typed;
}

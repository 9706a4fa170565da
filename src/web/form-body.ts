// Every form body is read here, once, before any route sees it: a body that cannot be read
// or is not well-formed is a 400 with a short message (logged at warn by the app's error
// handler, never as an error), and every text field is cleaned (src/content/clean-text.ts)
// so that no route stores a NUL or a control character. Routes then call
// `c.req.parseBody()` as usual and get the cleaned form.
//
// Uploads of stills and import files stream their own bodies (src/media/multipart.ts, whose
// fields are cleaned the same way) and are left alone here.
import type { MiddlewareHandler } from "hono";
import { cleanText } from "../content/clean-text.ts";
import { boundaryOf, MultipartError, readMultipart } from "../media/multipart.ts";

/** A body the server will not read: answered with `status` and the message. */
export class RequestBodyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

// Far above any form a person fills in (a long review is 20 kB), small enough to hold.
const maxFormBytes = 4 * 1024 * 1024;
// A series queue of a thousand films posts a few thousand fields; nothing needs more.
const maxFormFields = 10_000;

type FormType = "multipart/form-data" | "application/x-www-form-urlencoded";

function formTypeOf(contentType: string | undefined): FormType | undefined {
  const type = contentType?.split(";")[0]!.trim().toLowerCase();
  return type === "multipart/form-data" || type === "application/x-www-form-urlencoded"
    ? type
    : undefined;
}

async function readBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxFormBytes) {
        throw new RequestBodyError("The form is too large to be read.", 413);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RequestBodyError) throw error;
    // The client went away or sent less than it announced.
    throw new RequestBodyError("The form did not arrive whole.");
  } finally {
    reader.releaseLock();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function urlencodedForm(bytes: Uint8Array): FormData {
  const form = new FormData();
  let count = 0;
  // Bytes that are not UTF-8 become U+FFFD, as a browser would show them.
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) {
    if (++count > maxFormFields) throw new RequestBodyError("The form has too many fields.");
    form.append(cleanText(name), cleanText(value));
  }
  return form;
}

async function multipartForm(bytes: Uint8Array, boundary: string): Promise<FormData> {
  const form = new FormData();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const limits = {
    maxFileBytes: maxFormBytes,
    maxFiles: 20,
    maxFieldBytes: maxFormBytes,
    maxFields: maxFormFields,
    maxTotalBytes: maxFormBytes,
  };
  try {
    for await (const part of readMultipart(stream, boundary, limits)) {
      // The reader has cleaned names and values already.
      if (part.kind === "field") form.append(part.name, part.value);
      else if (part.data) {
        const file = new File([new Uint8Array(part.data)], part.filename, { type: part.type });
        form.append(part.name, file);
      }
    }
  } catch (error) {
    if (error instanceof MultipartError) throw new RequestBodyError(error.message);
    throw error;
  }
  return form;
}

/**
 * Reads and cleans every form body, except on paths `readsItsOwnBody` names. Put it ahead
 * of every route; size limits of single routes (`bodyLimit`) still apply after it.
 */
export function formBodyEdge(readsItsOwnBody: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const contentType = c.req.header("content-type");
    const type = formTypeOf(contentType);
    // The type first: asking the Node adapter for the body builds a whole web Request (the
    // Fetch API's), which a GET without a form never needs.
    if (!type) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    const boundary = type === "multipart/form-data" ? boundaryOf(contentType) : undefined;
    if (type === "multipart/form-data" && !boundary) {
      throw new RequestBodyError("The form's multipart boundary is missing.");
    }
    if (readsItsOwnBody(c.req.path)) return next();
    const bytes = await readBytes(body);
    const form = boundary ? await multipartForm(bytes, boundary) : urlencodedForm(bytes);
    // Hono keeps the parsed form as a promise in `bodyCache.formData` and answers every
    // later parseBody() from it (its declared type says FormData; the value is a promise).
    c.req.bodyCache.formData = Promise.resolve(form) as unknown as FormData;
    // The bytes go back for middleware that reads the raw body (bodyLimit counts them).
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}

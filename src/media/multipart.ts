// A streaming reader of multipart/form-data bodies, for still uploads. A batch of stills may
// be far larger than anything worth holding in memory, and one file over the limit must not
// cost the others: each file is handed over whole as soon as its part ends (at most
// `maxFileBytes`), an oversized one only as its name and size, its bytes read and dropped.
// The caller awaits each part before the next is read, so a slow consumer slows the upload
// instead of filling memory. Names, file names and field values come out cleaned of control
// characters (src/content/clean-text.ts), like every text the site takes in.
import { cleanText } from "../content/clean-text.ts";

interface FieldPart {
  kind: "field";
  name: string;
  value: string;
}

interface FilePart {
  kind: "file";
  name: string;
  /** The file name the browser sent (no path), possibly empty. */
  filename: string;
  type: string;
  size: number;
  /** The bytes, or null when the file was larger than the limit. */
  data: Buffer | null;
}

export type FormPart = FieldPart | FilePart;

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFieldBytes: number;
  maxFields: number;
  /** The whole body; a client that sends no Content-Length is held to it too. */
  maxTotalBytes: number;
}

/**
 * Where a file's bytes go instead of memory, for uploads too large to hold (an import's
 * export file): called as each file part opens; a writer it returns receives the bytes as
 * they arrive (awaited, so a slow disk slows the upload), and the part then comes out with
 * `data` empty, or null when it went over `maxFileBytes` (the writer then gets no more).
 */
type FileSink = (file: {
  name: string;
  filename: string;
  type: string;
}) => ((chunk: Buffer) => Promise<void>) | undefined;

/** A body that is not well-formed multipart, or breaks a limit other than a file's size. */
export class MultipartError extends Error {
  constructor(
    message: string,
    /** True when the body was refused for its size. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const headerLimit = 16 * 1024;
const crlf = Buffer.from("\r\n");
const headerEnd = Buffer.from("\r\n\r\n");

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

interface OpenPart {
  name: string;
  filename: string | undefined;
  type: string;
  size: number;
  chunks: Buffer[];
  overLimit: boolean;
  write?: ((chunk: Buffer) => Promise<void>) | undefined;
}

export async function* readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  limits: MultipartLimits,
  sink?: FileSink,
): AsyncGenerator<FormPart> {
  // Every boundary but the first follows a CRLF; starting with one makes the first alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer: Buffer = Buffer.from(crlf);
  let state: "preamble" | "after-boundary" | "headers" | "body" | "done" = "preamble";
  let part: OpenPart | undefined;
  let files = 0;
  let fields = 0;
  let total = 0;

  const append = async (data: Buffer) => {
    if (!part || data.length === 0) return;
    part.size += data.length;
    const max = part.filename === undefined ? limits.maxFieldBytes : limits.maxFileBytes;
    if (part.size > max) {
      if (part.filename === undefined)
        throw new MultipartError(`The field ${part.name} is too long.`);
      part.overLimit = true;
      part.chunks = [];
      return;
    }
    if (part.write) await part.write(Buffer.from(data));
    else part.chunks.push(Buffer.from(data));
  };

  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await readChunk(reader);
      if (done) break;
      total += value.length;
      if (total > limits.maxTotalBytes) {
        throw new MultipartError(
          `The upload was over ${Math.floor(limits.maxTotalBytes / 1024 / 1024)} MB in all.`,
          true,
        );
      }
      buffer = buffer.length ? Buffer.concat([buffer, value]) : Buffer.from(value);
      for (;;) {
        if (state === "preamble") {
          const at = buffer.indexOf(delimiter);
          if (at < 0) {
            buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length));
            break;
          }
          buffer = buffer.subarray(at + delimiter.length);
          state = "after-boundary";
        }
        if (state === "after-boundary") {
          if (buffer.length < 2) break;
          const next = buffer.subarray(0, 2).toString("latin1");
          if (next === "--") {
            state = "done";
            buffer = Buffer.alloc(0);
            break;
          }
          if (next !== "\r\n") throw new MultipartError("A part boundary is malformed.");
          buffer = buffer.subarray(2);
          state = "headers";
        }
        if (state === "headers") {
          const at = buffer.indexOf(headerEnd);
          if (at < 0) {
            if (buffer.length > headerLimit)
              throw new MultipartError("A part's headers are too long.");
            break;
          }
          part = openPart(buffer.subarray(0, at).toString("utf8"));
          if (sink && part.filename !== undefined) {
            part.write = sink({ name: part.name, filename: part.filename, type: part.type });
          }
          if (part.filename === undefined) {
            if (++fields > limits.maxFields)
              throw new MultipartError("The form has too many fields.");
          } else if (++files > limits.maxFiles) {
            throw new MultipartError(`Send at most ${limits.maxFiles} files at once.`);
          }
          buffer = buffer.subarray(at + headerEnd.length);
          state = "body";
        }
        if (state === "body") {
          const at = buffer.indexOf(delimiter);
          if (at < 0) {
            // Keep a tail that could be the start of a boundary split across chunks.
            const safe = buffer.length - (delimiter.length - 1);
            if (safe > 0) {
              await append(buffer.subarray(0, safe));
              buffer = buffer.subarray(safe);
            }
            break;
          }
          await append(buffer.subarray(0, at));
          buffer = buffer.subarray(at + delimiter.length);
          state = "after-boundary";
          const finished = part!;
          part = undefined;
          yield closePart(finished);
          continue;
        }
        break;
      }
      if (state === "done") break;
    }
  } finally {
    reader.releaseLock();
  }
  if (state !== "done") throw new MultipartError("The upload ended before it was complete.");
}

/** The next chunk; a body that breaks off (the client went away) is a malformed body. */
async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await reader.read();
  } catch {
    throw new MultipartError("The upload did not arrive whole.");
  }
}

function openPart(headerText: string): OpenPart {
  let name: string | undefined;
  let filename: string | undefined;
  let type = "application/octet-stream";
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-type") type = value;
    if (header === "content-disposition") {
      name = parameter(value, "name");
      filename = parameter(value, "filename");
    }
  }
  if (name === undefined) throw new MultipartError("A part has no name.");
  return {
    name: cleanText(name),
    filename: filename === undefined ? undefined : cleanText(filename),
    type,
    size: 0,
    chunks: [],
    overLimit: false,
  };
}

function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header);
  if (match) return match[1]!.replace(/\\(.)/g, "$1").replace(/%22/g, '"');
  const bare = new RegExp(`(?:^|;)\\s*${key}=([^;\\s]*)`, "i").exec(header);
  return bare?.[1];
}

function closePart(part: OpenPart): FormPart {
  const data = part.overLimit ? null : Buffer.concat(part.chunks);
  if (part.filename === undefined) {
    const value = (data ?? Buffer.alloc(0)).toString("utf8");
    return { kind: "field", name: part.name, value: cleanText(value) };
  }
  return {
    kind: "file",
    name: part.name,
    // Some browsers once sent a whole path; only the last segment is the file's name.
    filename: part.filename.split(/[\\/]/).pop() ?? "",
    type: part.type,
    size: part.size,
    data,
  };
}

/** A small (non-multipart) body as text, or undefined when it is longer than `max` bytes. */
export async function readSmallText(
  body: ReadableStream<Uint8Array>,
  max: number,
): Promise<string | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await readChunk(reader);
      if (done) break;
      size += value.length;
      if (size > max) return undefined;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString("utf8");
}

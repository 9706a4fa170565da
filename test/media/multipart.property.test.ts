// Bounded property tests of the streaming multipart reader: any bytes, cut into any chunks,
// either parse or end in a MultipartError — never another exception, never a hang — and a
// well-formed body gives back exactly its fields, however it is chunked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MultipartError, readMultipart, type MultipartLimits } from "../../src/media/multipart.ts";

const limits: MultipartLimits = {
  maxFileBytes: 2000,
  maxFiles: 3,
  maxFieldBytes: 2000,
  maxFields: 20,
  maxTotalBytes: 20_000,
};
const boundary = "b0undary";

function streamOf(body: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= body.length) return controller.close();
      controller.enqueue(body.slice(at, at + chunk));
      at += chunk;
    },
  });
}

async function fieldsOf(body: Uint8Array, chunk: number) {
  const out: [string, string][] = [];
  for await (const part of readMultipart(streamOf(body, chunk), boundary, limits)) {
    if (part.kind === "field") out.push([part.name, part.value]);
  }
  return out;
}

const fragments = fc.constantFrom(
  `--${boundary}\r\n`,
  `--${boundary}--\r\n`,
  'Content-Disposition: form-data; name="a"\r\n',
  'Content-Disposition: form-data; name="f"; filename="x.png"\r\n',
  "\r\n",
  "\r\n\r\n",
  "value",
  "\u0000",
  `--${boundary.slice(0, 4)}`,
);

describe("readMultipart", () => {
  it("parses or refuses any body, never throwing anything else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fragments, fc.string({ maxLength: 30 })), { maxLength: 30 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 40 }),
        async (pieces, noise, chunk) => {
          const body = new Uint8Array([...Buffer.from(pieces.join("")), ...noise]);
          try {
            await fieldsOf(body, chunk);
          } catch (error) {
            expect(error).toBeInstanceOf(MultipartError);
          }
        },
      ),
      { numRuns: 500, interruptAfterTimeLimit: 20_000 },
    );
  });

  it("gives back every field of a well-formed body, cleaned, in any chunking", async () => {
    const name = fc.stringMatching(/^[a-z_]{1,10}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, fc.string({ maxLength: 80 })), { maxLength: 8 }),
        fc.integer({ min: 1, max: 50 }),
        async (fields, chunk) => {
          const text =
            fields
              .map(
                ([n, v]) =>
                  `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`,
              )
              .join("") + `--${boundary}--\r\n`;
          // A value holding the delimiter itself cannot be sent; browsers pick another boundary.
          fc.pre(!fields.some(([, v]) => v.includes(`--${boundary}`)));
          const parsed = await fieldsOf(new Uint8Array(Buffer.from(text)), chunk);
          const clean = (v: string) =>
            Buffer.from(v)
              .toString("utf8")
              .replace(/\r\n?/g, "\n")
              .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, ""); // eslint-disable-line no-control-regex
          expect(parsed).toEqual(fields.map(([n, v]) => [n, clean(v)]));
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  });
});

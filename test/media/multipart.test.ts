// The streaming multipart reader: boundaries split across any chunk sizes, fields and files
// in order, an oversized file reported by size alone, and broken bodies refused.
import { describe, expect, it } from "vitest";
import {
  boundaryOf,
  MultipartError,
  readMultipart,
  type FormPart,
  type MultipartLimits,
} from "../../src/media/multipart.ts";
import { multipartBody } from "../admin/stills-upload.ts";

const limits: MultipartLimits = {
  maxFileBytes: 1000,
  maxFiles: 3,
  maxFieldBytes: 100,
  maxFields: 10,
  maxTotalBytes: 10_000,
};

function streamOf(body: Buffer, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(new Uint8Array(body.subarray(offset, offset + chunkSize)));
      offset += chunkSize;
    },
  });
}

async function readAll(body: Buffer, contentType: string, chunkSize: number, l = limits) {
  const parts: FormPart[] = [];
  for await (const part of readMultipart(streamOf(body, chunkSize), boundaryOf(contentType)!, l)) {
    parts.push(part);
  }
  return parts;
}

// Bytes that look like a boundary's start inside a file must not end it.
const tricky = Buffer.concat([Buffer.from("\r\n--not-the-boundary\r\n-"), Buffer.alloc(300, 0xff)]);

describe("readMultipart", () => {
  const { body, contentType } = multipartBody([
    { name: "_csrf", value: "token" },
    { name: "alt-1", value: "Café at night — “quoted”" },
    { name: "files", filename: "a.jpg", type: "image/jpeg", data: tricky },
    { name: "files", filename: "big.png", type: "image/png", data: Buffer.alloc(1001, 1) },
    { name: "files", filename: "", type: "application/octet-stream", data: Buffer.alloc(0) },
  ]);

  for (const chunkSize of [1, 7, 64, 100_000]) {
    it(`reads every part in order from chunks of ${chunkSize} bytes`, async () => {
      const parts = await readAll(body, contentType, chunkSize);
      expect(
        parts.map((p) => (p.kind === "field" ? [p.name, p.value] : [p.name, p.filename])),
      ).toEqual([
        ["_csrf", "token"],
        ["alt-1", "Café at night — “quoted”"],
        ["files", "a.jpg"],
        ["files", "big.png"],
        ["files", ""],
      ]);
      const [, , file, big, empty] = parts;
      expect(file?.kind === "file" && file.data?.equals(tricky)).toBe(true);
      expect(big?.kind === "file" && big.data === null && big.size === 1001).toBe(true);
      expect(empty?.kind === "file" && empty.size === 0).toBe(true);
    });
  }

  it("refuses a body cut short, too many files, a long field and an oversized whole", async () => {
    await expect(readAll(body.subarray(0, body.length - 10), contentType, 64)).rejects.toThrow(
      MultipartError,
    );
    await expect(readAll(body, contentType, 64, { ...limits, maxFiles: 2 })).rejects.toThrow(
      "Send at most 2 files at once.",
    );
    await expect(readAll(body, contentType, 64, { ...limits, maxFieldBytes: 10 })).rejects.toThrow(
      "too long",
    );
    const whole = readAll(body, contentType, 64, { ...limits, maxTotalBytes: 500 });
    await expect(whole).rejects.toMatchObject({ tooLarge: true });
  });

  it("finds the boundary in a Content-Type, quoted or not", () => {
    expect(boundaryOf("multipart/form-data; boundary=abc")).toBe("abc");
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(boundaryOf("application/x-www-form-urlencoded")).toBeUndefined();
  });
});

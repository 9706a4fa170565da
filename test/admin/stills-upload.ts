// Helpers for still upload tests: real images made with sharp, broken ones made from them,
// a decompression bomb, and multipart bodies built by hand (as a browser would send them).
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import sharp from "sharp";
import type { App } from "./admin-client.ts";

export async function jpegImage(width = 1200, height = 800, hue = 40): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 200, g: hue, b: 60 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function pngImage(width = 640, height = 360): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: "#2050a0ff" } })
    .png()
    .toBuffer();
}

/** A JPEG carrying EXIF with GPS coordinates, an XMP packet and an ICC profile. */
export async function jpegWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 1000, height: 600, channels: 3, background: "#806040" } })
    .withExif({
      IFD0: { Artist: "Secret Photographer", ImageDescription: "SECRET-DESCRIPTION" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "48/1 51/1 24/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "2/1 21/1 3/1",
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>SECRET-XMP</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .withIccProfile("p3")
    .jpeg()
    .toBuffer();
}

/** The first part of a file only, as a cut-short download or copy leaves it. */
export function truncated(file: Buffer, fraction = 0.6): Buffer {
  return file.subarray(0, Math.floor(file.length * fraction));
}

/**
 * A PNG that claims 30000 x 30000 pixels (900 megapixels) yet weighs about 110 KB: one-bit
 * greyscale rows of zeros compress to almost nothing. Decoding it would need gigabytes.
 */
export function pngBomb(side = 30000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (1 + Math.ceil(side / 8)));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export type Part =
  { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

export function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----cinelog${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("filename" in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type}\r\n\r\n`,
        ),
        part.data,
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Posts a multipart body. `sized` sends a Content-Length as browsers do; without it the body
 * arrives as a stream of 64 KB chunks of unknown length, and `pulled` counts what was read.
 */
export async function postMultipart(
  app: App,
  path: string,
  parts: Part[],
  options: { cookie: string; sized?: boolean; headers?: Record<string, string> },
) {
  const { body, contentType } = multipartBody(parts);
  const progress = { pulled: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.length) {
        controller.close();
        return;
      }
      const chunk = body.subarray(offset, offset + 64 * 1024);
      offset += chunk.length;
      progress.pulled = offset;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  const response = await app.request(path, {
    method: "POST",
    body: stream,
    // Node's fetch needs this for a streamed request body.
    duplex: "half",
    headers: {
      "content-type": contentType,
      "sec-fetch-site": "same-origin",
      cookie: options.cookie,
      ...(options.sized ? { "content-length": String(body.length) } : {}),
      ...options.headers,
    },
  } as RequestInit);
  return { response, progress, size: body.length };
}

// Zips for the restore's refusals: a foreign one, and a real backup with one entry altered.
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import yazl from "yazl";

export async function writeZip(file: string, entries: Record<string, string | Buffer>) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  }
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file));
}

/** Copies a zip entry by entry, passing text entries through `edit`. */
export async function rewriteZip(
  from: string,
  to: string,
  edit: (name: string, text: string) => string,
): Promise<void> {
  const source = await yauzl.openPromise(from, { autoClose: false });
  const entries: Record<string, string | Buffer> = {};
  try {
    for await (const entry of source.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await source.openReadStreamPromise(entry)) {
        chunks.push(chunk as Buffer);
      }
      const bytes = Buffer.concat(chunks);
      entries[entry.fileName] = /\.(json|ndjson)$/.test(entry.fileName)
        ? edit(entry.fileName, bytes.toString("utf8"))
        : bytes;
    }
  } finally {
    source.close();
  }
  await writeZip(to, entries);
}

// Reading a backup zip: its list of entries first (from the zip's central directory), then any
// entry on demand as a stream, so a restore never holds more than a page of rows in memory.
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import yauzl from "yauzl";
import { BackupError } from "./backup-format.ts";

export interface BackupZip {
  names(): string[];
  has(name: string): boolean;
  /** The entry's whole text, for small entries (the manifest). */
  text(name: string, maxBytes: number): Promise<string>;
  /** The entry's lines, one at a time. */
  lines(name: string): AsyncGenerator<string>;
  stream(name: string): Promise<Readable>;
  close(): void;
}

export async function openBackupZip(file: string): Promise<BackupZip> {
  let zip: yauzl.ZipFile;
  const entries = new Map<string, yauzl.Entry>();
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`${file}: no such file.`);
    throw new BackupError(`${file} is not a readable zip file (${(error as Error).message}).`);
  }
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  } catch (error) {
    zip.close();
    throw new BackupError(`${file} is a damaged zip file (${(error as Error).message}).`);
  }

  const stream = async (name: string): Promise<Readable> => {
    const entry = entries.get(name);
    if (!entry) throw new BackupError(`The backup is incomplete: it has no ${name}.`);
    try {
      return await zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new BackupError(`The backup's ${name} cannot be read (${(error as Error).message}).`);
    }
  };

  async function* lines(name: string): AsyncGenerator<string> {
    const input = await stream(name);
    const decoder = new StringDecoder("utf8");
    let rest = "";
    try {
      for await (const chunk of input) {
        rest += decoder.write(chunk as Buffer);
        const parts = rest.split("\n");
        rest = parts.pop() ?? "";
        yield* parts;
      }
    } catch (error) {
      throw new BackupError(`The backup's ${name} is damaged (${(error as Error).message}).`);
    }
    rest += decoder.end();
    if (rest) yield rest;
  }

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    async text(name, maxBytes) {
      const entry = entries.get(name);
      if (entry && entry.uncompressedSize > maxBytes) {
        throw new BackupError(`The backup's ${name} is too large to be a Cinelog manifest.`);
      }
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of await stream(name)) chunks.push(chunk as Buffer);
      } catch (error) {
        if (error instanceof BackupError) throw error;
        throw new BackupError(`The backup's ${name} is damaged (${(error as Error).message}).`);
      }
      return Buffer.concat(chunks).toString("utf8");
    },
    lines,
    stream,
    close: () => zip.close(),
  };
}

// A rendered page as UTF-8 bytes, built in pieces. Hono's renderer appends every bit of markup
// to one string, which V8 keeps as a chain of pieces until something needs it whole: the
// response's length and then the socket's write each did, for the whole page at once. A page
// over 64k characters (a review with 200 comments is 155 KB; a page with one character
// outside Latin-1 takes two bytes a character) is then copied into a fresh large object,
// the socket encodes it again into fresh memory, and fresh memory is what this machine pays
// most for (bench/README.md, "Less CPU per uncached page"). Here a long page is set aside in
// pieces as it renders, at the places it marks with <PieceBreak />, each piece made whole
// while still small, and every piece written once into the response's bytes, which the Node
// adapter sends as they are.
import { jsx, type JSXNode } from "hono/jsx";

/** What has been rendered is set aside at a break once it is this long (characters). */
const pieceChars = 16 * 1024;

interface Render {
  /** Hono's render buffer: its first entry holds the markup rendered so far. */
  buffer: Parameters<JSXNode["toStringToBuffer"]>[0];
  pieces: string[];
}

/** The render under way in htmlBytes; rendering is synchronous, so there is one at a time. */
let current: Render | undefined;

/**
 * A place in a long page (between two comment threads, say) where what has been rendered so
 * far may be set aside as a piece. Renders nothing, and does nothing outside htmlBytes.
 */
export function PieceBreak(): null {
  const render = current;
  // A longer buffer holds an asynchronous part: its order is Hono's to keep, not ours.
  if (render && render.buffer.length === 1) {
    const text = render.buffer[0] as string;
    if (text.length >= pieceChars) {
      render.pieces.push(text);
      render.buffer[0] = "";
    }
  }
  return null;
}

/**
 * The pieces of `node`'s markup, in order, or undefined when its render was not synchronous
 * (an asynchronous component, or callbacks): then `node.toString()` is the way. Called from
 * inside a render of Hono's own, so that context providers and `useContext` work as usual.
 */
function renderInPieces(node: JSXNode): string[] | undefined {
  const render: Render = { buffer: [""] as unknown as Render["buffer"], pieces: [] };
  const outer = current;
  current = render;
  try {
    node.toStringToBuffer(render.buffer);
  } finally {
    current = outer;
  }
  if (render.buffer.length !== 1 || "callbacks" in render.buffer) {
    // Not used: the page is rendered again as a whole. A promise left here must not become
    // an unhandled rejection.
    for (const part of render.buffer as unknown[]) {
      if (part instanceof Promise) part.catch(() => undefined);
    }
    return undefined;
  }
  render.pieces.push(render.buffer[0]);
  return render.pieces;
}

/** Runs `work` inside a render of Hono's (which gives it the store `useContext` reads). */
function insideRender<T>(work: () => T): T {
  let result: T | undefined;
  const Work = () => {
    result = work();
    return null;
  };
  void jsx(Work, {}).toString();
  return result as T;
}

const encoder = new TextEncoder();

/**
 * Where pieces are encoded before the response's bytes are cut to size: kept between renders
 * (rendering is synchronous, and the bytes are copied out before anything else runs), so the
 * page is encoded in one pass with no count of its UTF-8 length first, into memory that is
 * already there. Grows to the longest page seen.
 */
let scratch = new Uint8Array(64 * 1024);

/** `prefix` and then `node`'s markup, as UTF-8 bytes. */
export async function htmlBytes(prefix: string, node: JSXNode): Promise<Uint8Array<ArrayBuffer>> {
  const pieces = insideRender(() => renderInPieces(node)) ?? [String(await node.toString())];
  pieces.unshift(prefix);
  let size = 0;
  for (const piece of pieces) {
    // A UTF-16 code unit never takes more than three bytes in UTF-8.
    const room = size + piece.length * 3;
    if (room > scratch.length) {
      const larger = new Uint8Array(Math.max(room, scratch.length * 2));
      larger.set(scratch.subarray(0, size));
      scratch = larger;
    }
    size += encoder.encodeInto(piece, scratch.subarray(size)).written;
  }
  const bytes: Buffer<ArrayBuffer> = Buffer.allocUnsafe(size);
  bytes.set(scratch.subarray(0, size));
  return bytes;
}

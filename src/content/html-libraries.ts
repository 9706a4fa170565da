// markdown-it and sanitize-html, loaded on first use. Pages are rendered from the HTML stored
// when a review or comment was written, so a serving process that only shows pages never
// needs them; imported at start, they and their dependencies (parse5's entities, htmlparser2,
// postcss) kept about 2.7 MB of module source and objects on the heap for the life of the
// process (bench/README.md, "Modules the public pages never need"). They are required
// synchronously, not imported, so that renderReviewBody and the other functions built on them
// stay synchronous for their callers; both are plain JavaScript (nothing native that could
// fail to load), and the first call pays for the load: about 55 ms here, once a process.
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";

const require = createRequire(import.meta.url);

let sanitizeHtmlModule: typeof sanitizeHtml | undefined;
let markdownItModule: typeof MarkdownIt | undefined;

/** sanitize-html's function. */
export function sanitizer(): typeof sanitizeHtml {
  return (sanitizeHtmlModule ??= require("sanitize-html") as typeof sanitizeHtml);
}

/** markdown-it's constructor. */
export function markdownItClass(): typeof MarkdownIt {
  return (markdownItModule ??= require("markdown-it") as typeof MarkdownIt);
}

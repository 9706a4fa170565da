// A static host cannot answer 301, so an old address (an imported WordPress permalink, or a
// path the app redirects such as /decades) becomes a tiny page that sends the browser on at
// once, tells search engines where the page lives now, and shows a link for anyone else.
import { escapeAttribute, escapeText } from "./escape-html.ts";

export function redirectPage(target: string, canonical: string): string {
  const to = escapeAttribute(target);
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    "<title>Moved</title>",
    `<link rel="canonical" href="${escapeAttribute(canonical)}">`,
    `<meta http-equiv="refresh" content="0; url=${to}">`,
    '<meta name="robots" content="noindex">',
    "</head>",
    `<body><p>This page has moved to <a href="${to}">${escapeText(target)}</a>.</p></body>`,
    "</html>",
    "",
  ].join("\n");
}

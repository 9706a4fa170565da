// A <link> element for a page's <head>, written as markup. hono/jsx treats every <link> but a
// plain stylesheet as "document metadata" it may have to move into <head> (React 19's
// hoisting): each one is rendered by a nested render of its own and carries a callback,
// 3–4 µs a link, work for nothing when the link is in <head> already, as all of ours are.
// Written here it costs 0.5 µs (bench/README.md, "The links in a page's head"). The markup is
// the same as hono/jsx's: attributes in the order given, escaped by Hono's own function,
// absent when undefined, and `/>` at the end.
import { escapeToBuffer, raw } from "hono/utils/html";
import type { HtmlEscapedString } from "hono/utils/html";

interface HeadLinkProps {
  rel: string;
  href: string;
  type?: string | undefined;
  title?: string | undefined;
}

export function HeadLink(props: HeadLinkProps): HtmlEscapedString {
  const buffer: [string] = ["<link"];
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || name === "children") continue;
    buffer[0] += ` ${name}="`;
    escapeToBuffer(String(value), buffer);
    buffer[0] += '"';
  }
  buffer[0] += "/>";
  return raw(buffer[0]);
}

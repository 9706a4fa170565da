import { mf2 } from "microformats-parser";
import { hEntryPage } from "../test/support/remote-blog.ts";
const html = hEntryPage({ target: "http://127.0.0.1:4000/review/x", property: "in-reply-to" });
console.log(JSON.stringify(mf2(html, { baseUrl: "http://127.0.0.1:5000/a" }).items, null, 1));

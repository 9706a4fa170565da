// The bytes a page is sent as (src/web/html-bytes.ts) are exactly the UTF-8 of the markup
// Hono renders as one string: whether the page is cut into pieces at its breaks or not, with
// characters of one, two, three and four bytes on either side of a break, inside a context
// provider, and when a part of the page is asynchronous (rendered whole instead).
import fc from "fast-check";
import { createContext, jsx, useContext, type JSXNode } from "hono/jsx";
import { describe, expect, it } from "vitest";
import { htmlBytes, PieceBreak } from "../../src/web/html-bytes.ts";

const Label = createContext("none");

function Shown() {
  return <em>{useContext(Label)}</em>;
}

function Page(props: { texts: string[] }) {
  return (
    <html lang="en">
      <head>
        <Label.Provider value="in the head">
          <Shown />
        </Label.Provider>
      </head>
      <body>
        <ol>
          {props.texts.map((text, i) => [
            <li data-i={String(i)} title={text}>
              {text}
            </li>,
            <PieceBreak />,
          ])}
        </ol>
        <Shown />
      </body>
    </html>
  );
}

async function asWhole(node: JSXNode): Promise<Buffer> {
  return Buffer.from("<!doctype html>" + String(await node.toString()));
}

const text = fc.string({
  unit: fc.constantFrom("a", "<", "&", '"', "é", "–", "€", "😀", "\n"),
  maxLength: 3000,
});

describe("htmlBytes", () => {
  it("is the UTF-8 of the whole markup, for pages long and short", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 40 }), async (texts) => {
        const page = jsx(Page, { texts });
        const bytes = await htmlBytes("<!doctype html>", page);
        expect(Buffer.from(bytes).equals(await asWhole(page))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("cuts a long page into pieces and still sends all of it in order", async () => {
    // 200 items of 1,000 characters: well past one piece (16k characters).
    const texts = Array.from({ length: 200 }, (_, i) => `${i}:` + "ab–😀".repeat(250));
    const page = jsx(Page, { texts });
    const bytes = Buffer.from(await htmlBytes("<!doctype html>", page));
    expect(bytes.equals(await asWhole(page))).toBe(true);
    expect(bytes.toString()).toContain("<em>in the head</em>");
    expect(bytes.toString()).toMatch(/199:ab–😀[^]*<em>none<\/em><\/body><\/html>$/);
  });

  it("renders a page with an asynchronous part whole", async () => {
    async function Later() {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return <p>later</p>;
    }
    function PartlyLater() {
      return (
        <div>
          <p>{"x".repeat(20_000)}</p>
          <PieceBreak />
          <Later />
          <PieceBreak />
          <p>after</p>
        </div>
      );
    }
    const page = jsx(PartlyLater, {});
    const bytes = Buffer.from(await htmlBytes("<!doctype html>", page));
    expect(bytes.equals(await asWhole(page))).toBe(true);
    expect(bytes.toString()).toMatch(/<p>later<\/p><p>after<\/p><\/div>$/);
  });
});

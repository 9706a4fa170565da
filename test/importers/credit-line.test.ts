// The credit line a review opens with: people only from what reads as names, and the line
// leaves the body only when it holds nothing but the credit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCredit } from "../../src/importers/wordpress/credit-line.ts";
import { textBlocks, wordsOf } from "../../src/importers/wordpress/fidelity-check.ts";
import { plainText, reviewFromPost } from "../../src/importers/wordpress/review-post.ts";

const block = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`;

describe("readCredit", () => {
  it.each([
    ["Directed by Mike Figgis", ["Mike Figgis"]],
    ["Directed by Joel Coen and Ethan Coen", ["Joel Coen", "Ethan Coen"]],
    ["Directed by Joel Coen, Ethan Coen", ["Joel Coen", "Ethan Coen"]],
    ["Directed by Joel Coen &amp; Ethan Coen", ["Joel Coen", "Ethan Coen"]],
    [
      "Directed by Jim Abrahams, David Zucker, and Jerry Zucker.",
      ["Jim Abrahams", "David Zucker", "Jerry Zucker"],
    ],
    ["Dir. J. Lee Thompson", ["J. Lee Thompson"]],
    ["Director: Guillermo del Toro", ["Guillermo del Toro"]],
    ["Written and directed by Bong Joon-ho.", ["Bong Joon-ho"]],
    ["Directed by Apichatpong Weerasethakul", ["Apichatpong Weerasethakul"]],
    ["Directed by Jean-Pierre Melville", ["Jean-Pierre Melville"]],
    ["Directed by Chantal Akerman", ["Chantal Akerman"]],
    ["Directed by Lars von Trier", ["Lars von Trier"]],
    ["Directed by Haifaa al-Mansour", ["Haifaa al-Mansour"]],
    ["Directed by F.W. Murnau", ["F.W. Murnau"]],
    ["Directed by Agnès Varda", ["Agnès Varda"]],
    ["Directed by 黒澤明", ["黒澤明"]],
    ["Directed by Андрей Тарковский", ["Андрей Тарковский"]],
    ['Directed by <a href="/people/mike">Mike Figgis</a>', ["Mike Figgis"]],
    ["<em>Directed by Agnès Varda</em>", ["Agnès Varda"]],
  ])("reads %s as a credit and nothing else", (line, names) => {
    for (const html of [line, block(line)]) {
      // "Written and directed by" credits the names with both jobs.
      const writers = /^written/i.test(line) ? names : [];
      const role = writers.length > 0 ? "both" : "director";
      expect(readCredit(html), html).toEqual({ directors: names, writers, role, standalone: true });
    }
  });

  it("reads the people of a credit that opens a sentence, and keeps the sentence", () => {
    const line =
      "Directed by Mike Figgis, <em>Leaving Las Vegas</em> (1995) is a restless, sometimes patient, never careless film.";
    for (const html of [line, block(line)]) {
      expect(readCredit(html, ["Leaving Las Vegas"])).toEqual({
        directors: ["Mike Figgis"],
        writers: [],
        role: "director",
        standalone: false,
      });
    }
    // Without the italics, the year after the title still ends the list.
    expect(readCredit("Directed by Mike Figgis, Leaving Las Vegas (1995) is restless.")).toEqual({
      directors: ["Mike Figgis"],
      writers: [],
      role: "director",
      standalone: false,
    });
    expect(
      readCredit("Directed by Joel Coen and Ethan Coen, Fargo (1996) is cold.", ["Fargo"])
        ?.directors,
    ).toEqual(["Joel Coen", "Ethan Coen"]);
    expect(
      readCredit("Directed by Mike Figgis, Nicolas Cage, Elisabeth Shue and Julian Sands star.")
        ?.directors,
    ).toEqual(["Mike Figgis"]);
    expect(readCredit("Directed by Mike Figgis in 1995, this film")?.directors).toEqual([
      "Mike Figgis",
    ]);
  });

  it("makes no person of what does not read as a name, and hands it back", () => {
    expect(readCredit("Directed by a committee, it shows.")).toEqual({
      directors: [],
      writers: [],
      role: "director",
      standalone: false,
      unread: "a committee, it shows.",
    });
    expect(readCredit("Directed by Joel Coen and the Coen brothers' cousin")).toEqual({
      directors: ["Joel Coen"],
      writers: [],
      role: "director",
      standalone: false,
      unread: "the Coen brothers' cousin",
    });
    expect(readCredit("Directed by &lt;img src=x onerror=alert(2)&gt;")).toEqual({
      directors: [],
      writers: [],
      role: "director",
      standalone: false,
      unread: "<img src=x onerror=alert(2)>",
    });
    expect(readCredit("Directed by 1995 committees")?.directors).toEqual([]);
    expect(readCredit("A restless film, directed by Mike Figgis.")).toBeUndefined();
  });
});

describe("reviewFromPost and the credit", () => {
  it("keeps the opening sentence word for word when the credit is inside it", () => {
    const first =
      "Directed by Mike Figgis, <em>Leaving Las Vegas</em> (1995) is a restless, sometimes patient, never careless film.";
    for (const content of [
      `${first}\n\nSecond paragraph.`,
      `${block(first)}\n\n${block("Second paragraph.")}`,
    ]) {
      const post = reviewFromPost("Leaving Las Vegas (1995)", content);
      expect(post?.directors).toEqual(["Mike Figgis"]);
      expect(post?.body).toContain(first);
      expect(post?.creditUnread).toBeUndefined();
    }
  });

  it("takes a credit on its own line out of the body, in both markups", () => {
    for (const content of [
      "Directed by Joel Coen &amp; Ethan Coen\n\nSnow.",
      `${block("Directed by Joel Coen &amp; Ethan Coen")}\n\n${block("Snow.")}`,
    ]) {
      const post = reviewFromPost("Fargo (1996)", content);
      expect(post?.directors).toEqual(["Joel Coen", "Ethan Coen"]);
      expect(plainText(post?.body ?? "")).toBe("Snow.");
    }
  });
});

// Words a person's name must never contain.
const sentenceWord = fc.constantFrom("the", "is", "a", "restless", "and", "film", "The", "It");
const nameish = fc.constantFrom(
  "Mike",
  "Figgis",
  "Chantal",
  "Akerman",
  "del",
  "Toro",
  "J.",
  "Joon-ho",
  "黒澤明",
);
const piece = fc.oneof(
  sentenceWord,
  nameish,
  fc.constantFrom(",", "&amp;", "(1995)", "1995", ".", "<em>Heat</em>"),
  fc.string({ maxLength: 12 }),
);

describe("readCredit on any text (property)", () => {
  it("never makes a person with a digit or a sentence word, and never loses a word of the body", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.boolean(), (pieces, asBlock) => {
        const line = `Directed by ${pieces.join(" ")}`;
        const reading = readCredit(line);
        expect(reading).toBeDefined();
        for (const name of reading?.directors ?? []) {
          expect(name).not.toMatch(/\p{N}/u);
          expect(name.length).toBeLessThanOrEqual(40);
          for (const word of name.split(" ")) {
            expect(["the", "is", "a", "restless", "and", "film", "The", "It"]).not.toContain(word);
          }
        }
        const content = asBlock
          ? `${block(line)}\n\n${block("Body text.")}`
          : `${line}\n\nBody text.`;
        const post = reviewFromPost("Heat (1995)", content);
        const visible = (html: string) => wordsOf(textBlocks(html).join("\n"));
        const all = visible(content);
        const kept = visible(post?.body ?? "");
        // The body keeps every word, or every word but a leading credit made only of its
        // opening words, the people it named and the words joining them.
        expect(all.slice(all.length - kept.length)).toEqual(kept);
        const removed = all.slice(0, all.length - kept.length);
        const allowed = new Set([
          "Directed",
          "by",
          "and",
          ...post!.directors.flatMap((d) => wordsOf(d)),
        ]);
        for (const word of removed) expect(allowed).toContain(word);
        if (removed.length > 0) expect(post?.directors.length).toBeGreaterThan(0);
        expect(kept.slice(-2)).toEqual(["Body", "text"]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("writers in the credit", () => {
  it("reads Written by and Screenplay by as writers, not directors", () => {
    for (const line of ["Written by Paul Schrader", "Screenplay by Paul Schrader."]) {
      for (const html of [line, block(line)]) {
        expect(readCredit(html), html).toEqual({
          directors: [],
          writers: ["Paul Schrader"],
          role: "writer",
          standalone: true,
        });
      }
    }
  });

  it("takes a writers' line beside the directing credit, either way round, out of the body", () => {
    const rest = "A cab driver drifts through a city that never answers him.";
    for (const [first, second] of [
      ["Directed by Martin Scorsese", "Screenplay by Paul Schrader"],
      ["Written by Paul Schrader", "Directed by Martin Scorsese"],
    ] as const) {
      for (const wrap of [(t: string) => t, block]) {
        const post = reviewFromPost(
          "Taxi Driver (1976)",
          [wrap(first), wrap(second), wrap(rest)].join("\n\n"),
        );
        expect(post?.directors).toEqual(["Martin Scorsese"]);
        expect(post?.writers).toEqual(["Paul Schrader"]);
        expect(plainText(post?.body ?? "")).toBe(rest);
      }
    }
  });

  it("leaves a writers' line alone when no directing credit stands beside it (a byline)", () => {
    const content = "Written by Vera Marsh\n\nA cab driver drifts through the city.";
    const post = reviewFromPost("Taxi Driver (1976)", content);
    expect(post?.directors).toEqual([]);
    expect(post?.writers).toEqual([]);
    expect(post?.body).toBe(content);
  });

  it("gives the names of Written and directed by both jobs", () => {
    const post = reviewFromPost(
      "Jeanne Dielman (1975)",
      "Written and directed by Chantal Akerman\n\nThree days in a kitchen.",
    );
    expect(post?.directors).toEqual(["Chantal Akerman"]);
    expect(post?.writers).toEqual(["Chantal Akerman"]);
    expect(post?.body).toBe("Three days in a kitchen.");
  });
});

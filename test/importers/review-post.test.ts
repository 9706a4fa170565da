// Reading a review out of a WordPress post, and a comment's HTML into Markdown.
import { describe, expect, it } from "vitest";
import { commentHtmlToMarkdown } from "../../src/importers/wordpress/comment-html.ts";
import {
  filmFromTitle,
  filmList,
  reviewFromPost,
} from "../../src/importers/wordpress/review-post.ts";

describe("reviewFromPost", () => {
  it("reads the film from the title", () => {
    expect(filmFromTitle("Leaving Las Vegas (1995)")).toEqual({
      title: "Leaving Las Vegas",
      year: 1995,
    });
    expect(filmFromTitle("M*A*S*H &amp; friends (1970)")).toEqual({
      title: "M*A*S*H & friends",
      year: 1970,
    });
    expect(filmFromTitle("Hello world!")).toBeUndefined();
    expect(filmFromTitle("Notes on 1995")).toBeUndefined();
  });

  it("reads lists of films whose titles hold commas", () => {
    expect(filmList("Crouching Tiger, Hidden Dragon (2000), Heat (1995)")).toEqual([
      { title: "Crouching Tiger, Hidden Dragon", year: 2000 },
      { title: "Heat", year: 1995 },
    ]);
    expect(filmList("more films soon")).toBeUndefined();
    expect(filmList("Heat (1995), and then a holiday")).toBeUndefined();
  });

  it("takes the Directed by and Up Next lines out of the body", () => {
    const post = reviewFromPost(
      "Casino (1995)",
      '<p>Directed by Martin Scorsese</p>\n<p>Three hours in the desert.</p>\n<p>Up Next: <a href="/x">Heat (1995)</a>, Sabrina (1954)</p>\n',
    );
    expect(post).toEqual({
      film: { title: "Casino", year: 1995 },
      directors: ["Martin Scorsese"],
      writers: [],
      upNext: [
        { title: "Heat", year: 1995 },
        { title: "Sabrina", year: 1954 },
      ],
      body: "<p>Three hours in the desert.</p>",
    });
  });

  it("splits several directors", () => {
    expect(
      reviewFromPost(
        "Airplane! (1980)",
        "Directed by Jim Abrahams, David Zucker and Jerry Zucker\n\nFunny.",
      )?.directors,
    ).toEqual(["Jim Abrahams", "David Zucker", "Jerry Zucker"]);
  });

  it("leaves prose alone that only starts like those lines", () => {
    const content =
      "Directed by a committee, it shows.\n\nBody.\n\nUp Next: a break from films for a while.";
    const post = reviewFromPost("Heat (1995)", content);
    expect(post?.upNext).toEqual([]);
    expect(post?.body).toContain("Up Next: a break");
    // Not a name: no person, the line stays, and what could not be read is handed back.
    expect(post?.directors).toEqual([]);
    expect(post?.body).toContain("Directed by a committee, it shows.");
    expect(post?.creditUnread).toBe("a committee, it shows.");
  });
});

describe("commentHtmlToMarkdown", () => {
  it("keeps links, emphasis, quotes and line breaks, and drops the rest", () => {
    expect(
      commentHtmlToMarkdown(
        '<blockquote>You said it.</blockquote>I <em>did</em>, <b>twice</b>: <a href="https://a.example/x">here</a><br/>and <code>there</code>. <img src=x onerror=alert(1)><script>alert(1)</script>',
      ),
    ).toBe("> You said it.\n\nI *did*, **twice**: [here](https://a.example/x)\nand `there`.");
  });

  it("drops links that are not web or mail addresses, and escapes Markdown in text", () => {
    expect(commentHtmlToMarkdown('<a href="javascript:alert(1)">x</a> 2*3*4 [y](z)')).toBe(
      "x 2\\*3\\*4 \\[y\\](z)",
    );
  });
});

// One review's search document: what each database stores to find and rank it.
import { reviewText } from "./review-plain-text.ts";
import { indexText } from "./tokens.ts";

interface DocumentSource {
  title: string;
  originalTitle: string | null;
  /** Names from the credits, and the characters of the cast. */
  people: string[];
  tags: string[];
  bodyMarkdown: string;
}

/**
 * The columns of a search document. The first four hold folded words (see tokens.ts), in
 * order of weight: a match in the title counts most, then people, tags, and the body.
 * `body_text` is the body as readers see it, for snippets; it is stored, never searched.
 */
export interface SearchDocument {
  title: string;
  people: string;
  tags: string;
  body: string;
  body_text: string;
}

// Far beyond any review; it bounds what a pasted novel adds to the index.
const maxBodyTokens = 50_000;

export function buildSearchDocument(source: DocumentSource): SearchDocument {
  const title = indexText(source.title);
  const original = indexText(source.originalTitle ?? "");
  const text = reviewText(source.bodyMarkdown);
  return {
    // "Bob le flambeur" as original title of "Bob le Flambeur" must not count twice.
    title: original && original !== title ? `${title} ${original}` : title,
    // A person credited twice (director and writer) is one match, not two.
    people: indexText([...new Set(source.people)].join(" ")),
    tags: indexText(source.tags.join(" ")),
    body: indexText(text.searchable, maxBodyTokens),
    body_text: text.shown,
  };
}

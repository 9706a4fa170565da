// Reads the credit a film blog opens a review with into people: "Directed by Mike Figgis",
// "Dir. Joel Coen & Ethan Coen", "Director: Chantal Akerman", "Written and directed by
// Bong Joon-ho" (the names are writers too), "Written by …" and "Screenplay by …" (writers
// only), or the credit opening the first sentence ("Directed by Mike Figgis,
// <em>Leaving Las Vegas</em> (1995) is …"). A name becomes a person only when it reads as a
// person's name; what follows the opening words and cannot be read so is handed back, for
// the import to report. Nothing here edits text: the caller takes the line out of the body
// only when it is nothing but the credit (`standalone`).
import { decodeEntities } from "./html-text.ts";

interface CreditReading {
  /** Everyone the credit names as directing, in its order, each read as a person's name. */
  directors: string[];
  /** Everyone it names as writing: "Written and directed by", "Written by", "Screenplay by". */
  writers: string[];
  /** What the opening words credit: directing, writing ("Written by"), or both. */
  role: "director" | "writer" | "both";
  /** The line is nothing but the credit, so it may leave the body without losing a word. */
  standalone: boolean;
  /** Text after the opening words that looked like a list of names but could not be read. */
  unread?: string;
}

/** Stands for an `<em>`, `<i>` or `<cite>` opening: what follows is a title, not a person. */
const titleMark = "\uE000";

const opening =
  /^(?:(?<both>(?:written|co-written) and (?:co-)?directed by|directed and (?:co-)?written by)|(?<writing>(?:co-)?written by|screenplay by|screenplay\s*:|writers?\s*:)|(?:co-)?directed by|directors?\s*:|dir\.|dir:)\s*/i;

/** Lowercase words that sit inside names: Guillermo del Toro, Lars von Trier, Manoel de Oliveira. */
const particles = new Set(
  "de del della delle dei der den di da das dos do du van von le la les lo bin binti bint ibn ben abu al el ten ter zu y e af av op".split(
    " ",
  ),
);

/** Words that start sentences or describe films; a capital letter does not make them names. */
const sentenceWords = new Set(
  `the a an this that these those it its his her hers their our my your in on at with and but or
  of for from to by is was are were be been being has had have not no if when where while what
  who whom whose which how why as so after before then there here one two three he she they we
  i you also only just all both every some any up next film films movie movies review starring
  written produced directed director directors screenplay cast music story based until though
  although yet still even perhaps since because another other more most much many never always
  once again part chapter`
    .split(/\s+/)
    .filter(Boolean),
);

const maxNameWords = 6;
const maxNameLength = 40;

type Kind = "word" | "and" | "comma" | "amp" | "stop" | "open" | "mark" | "digit" | "other";

interface Token {
  text: string;
  kind: Kind;
  /** Where the token starts in the prepared text. */
  at: number;
}

/** The visible text of the line, with a mark where a title in italics begins. */
function creditText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<(?:em|i|cite)(?=[\s>])[^>]*>/gi, ` ${titleMark}`)
      .replace(/<\/?[A-Za-z!][^<>]*>/g, " "),
  )
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
}

const tokenPattern = /\uE000|[\p{L}\p{M}][\p{L}\p{M}\-\u2010'’.]*|\p{N}+|\S/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const raw = match[0];
    const at = match.index;
    if (raw === titleMark) tokens.push({ text: raw, kind: "mark", at });
    else if (/^\p{N}/u.test(raw)) tokens.push({ text: raw, kind: "digit", at });
    else if (/^[\p{L}\p{M}]/u.test(raw)) {
      // "J." and "D.W." are initials and "Jr." a suffix; any other word's final dot ends a
      // sentence, and a final hyphen or quote is not part of a name.
      const keepsDot = /^(?:\p{Lu}\.)+$/u.test(raw) || /^(?:Jr|Sr|St)\.$/.test(raw);
      const trail = keepsDot ? "" : (/[-\u2010'’.]+$/.exec(raw)?.[0] ?? "");
      const word = raw.slice(0, raw.length - trail.length);
      tokens.push({ text: word, kind: word.toLowerCase() === "and" ? "and" : "word", at });
      if (trail)
        tokens.push({
          text: trail,
          kind: trail.startsWith(".") ? "stop" : "other",
          at: at + word.length,
        });
    } else tokens.push({ text: raw, kind: punctuationKind(raw), at });
  }
  return tokens;
}

function punctuationKind(char: string): Kind {
  if (char === ",") return "comma";
  if (char === "&" || char === "+") return "amp";
  if (/^[.;:!?—–…|/]$/.test(char)) return "stop";
  if (char === "(" || char === "[") return "open";
  return "other";
}

/** How a word can take part in a person's name, if at all. */
function nameWord(word: string): "name" | "particle" | undefined {
  if (particles.has(word)) return "particle";
  if (sentenceWords.has(word.toLowerCase())) return undefined;
  // Initials (J., D.W.) and suffixes (Jr.)
  if (/^(?:\p{Lu}\.)+$/u.test(word) || /^(?:Jr|Sr|St)\.$/.test(word)) return "name";
  // al-Mansour, d'Arc, ben-Ami: a lowercase particle joined to a capitalised name.
  if (
    /^(?:al|el|ad|ash|as|an|ar|az|ud|ul|abu|ben|bin|ibn|d|l)[-\u2010'’]\p{Lu}[\p{L}\p{M}]*$/u.test(
      word,
    )
  )
    return "name";
  // Capitalised: Figgis, McDonagh, O'Toole, Jean-Pierre, Joon-ho, Kore-eda, Akerman.
  if (/^[\p{Lu}\p{Lt}][\p{L}\p{M}]*(?:[-\u2010'’][\p{L}\p{M}]+)*$/u.test(word)) return "name";
  // Scripts without capitals (黒澤明, عباس کیارستمی) have no case to go by.
  if (/^\p{Lo}[\p{Lo}\p{Lm}\p{M}\u30fb\u00b7]*$/u.test(word)) return "name";
  return undefined;
}

interface NameAt {
  name: string;
  words: number;
  /** The index of the token after the name. */
  next: number;
}

/** The person's name starting at token `from`, if the words there read as one. */
function nameAt(tokens: Token[], from: number, notNames: string[]): NameAt | undefined {
  let end = from;
  while (end < tokens.length && tokens[end]!.kind === "word" && nameWord(tokens[end]!.text)) {
    end += 1;
    if (end - from > maxNameWords) return undefined;
  }
  // A name neither starts nor ends with a particle ("Mike Figgis de facto" is Mike Figgis).
  while (end > from && nameWord(tokens[end - 1]!.text) === "particle") end -= 1;
  if (end === from || nameWord(tokens[from]!.text) !== "name") return undefined;
  const name = tokens
    .slice(from, end)
    .map((t) => t.text)
    .join(" ");
  if (name.length > maxNameLength || startsWithAny(name, notNames)) return undefined;
  return { name, words: end - from, next: end };
}

function startsWithAny(text: string, prefixes: string[]): boolean {
  const lower = text.toLowerCase();
  return prefixes.some((p) => p !== "" && (lower === p || lower.startsWith(`${p} `)));
}

function isSeparator(token: Token | undefined): boolean {
  return token?.kind === "comma" || token?.kind === "and" || token?.kind === "amp";
}

/** The token after a separator: "A, and B" reads as "A and B". */
function afterSeparator(tokens: Token[], at: number): number {
  return tokens[at]?.kind === "comma" && tokens[at + 1]?.kind === "and" ? at + 2 : at + 1;
}

/**
 * Whether a name in a list ends where a list of people can end: at the end of the line or a
 * sentence, before a title or a bracket (not a year's), or before a separator that leads to prose rather
 * than to another capitalised name ("…Ethan Coen, the film" but not "…Nicolas Cage, Elisabeth
 * Shue and Julian Sands star").
 */
function endsCleanly(tokens: Token[], at: number, notNames: string[], text: string): boolean {
  const token = tokens[at];
  if (!token) return true;
  // "(1995)" after a name is a film's year: what came before was a title.
  if (token.kind === "open") return tokens[at + 1]?.kind !== "digit";
  if (token.kind === "stop" || token.kind === "mark") return true;
  if (!isSeparator(token)) return false;
  const next = tokens[afterSeparator(tokens, at)];
  if (!next || next.kind !== "word") return true;
  if (!nameWord(next.text) || nameWord(next.text) === "particle") return true;
  return startsWithAny(text.slice(next.at).replaceAll(titleMark, ""), notNames);
}

/**
 * Reads the credit in a first line or paragraph (HTML). `notNames` are titles the names must
 * not be taken from (the film's own). Undefined when the line does not open with a credit.
 */
export function readCredit(lineHtml: string, notNames: string[] = []): CreditReading | undefined {
  const text = creditText(lineHtml).replace(new RegExp(`^(?:${titleMark}\\s*)+`), "");
  const open = opening.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const role =
    open.groups?.both !== undefined
      ? "both"
      : open.groups?.writing !== undefined
        ? "writer"
        : "director";
  const titles = notNames.map((n) => n.normalize("NFC").toLowerCase().trim());
  const tokens = tokenise(rest);
  const unreadText = (from: number) =>
    rest
      .slice(tokens[from]?.at ?? rest.length)
      .replaceAll(titleMark, "")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 160);

  const first = nameAt(tokens, 0, titles);
  const firstEnd = tokens[first?.next ?? 0];
  // Prose may follow the first name directly ("Directed by Mike Figgis in 1995, …") only when
  // it has two words at least: a single capitalised word before prose is rarely a person.
  const firstReads =
    first !== undefined &&
    (firstEnd === undefined ||
      ["comma", "and", "amp", "stop", "open", "mark"].includes(firstEnd.kind) ||
      (firstEnd.kind === "word" && first.words >= 2));
  if (!first || !firstReads) {
    const unread = unreadText(0);
    return { directors: [], writers: [], role, standalone: false, ...(unread ? { unread } : {}) };
  }

  // Further names, each after a separator; the list is kept up to its last clean ending.
  const candidates: NameAt[] = [];
  let at = first.next;
  while (isSeparator(tokens[at])) {
    const next = nameAt(tokens, afterSeparator(tokens, at), titles);
    if (!next) break;
    candidates.push(next);
    at = next.next;
  }
  let kept = 0;
  for (const [index, candidate] of candidates.entries()) {
    if (endsCleanly(tokens, candidate.next, titles, rest)) kept = index + 1;
  }
  const names = [first, ...candidates.slice(0, kept)];
  const end = names.at(-1)!.next;
  const people = [...new Set(names.map((n) => n.name))];
  const directors = role === "writer" ? [] : people;
  const writers = role === "director" ? [] : people;
  // Nothing after the names but a full stop: the line is the credit and nothing else.
  const tail = tokens.slice(end);
  if (tail.length === 0 || (tail.length === 1 && tail[0]!.text === ".")) {
    return { directors, writers, role, standalone: true };
  }
  // A short remainder after a separator is a name that did not read ("… and the Coen
  // brothers' cousin"): reported. A long one, or one naming a title, is the sentence going on.
  const remainder = tokens.slice(afterSeparator(tokens, end));
  const looksLikeNames =
    isSeparator(tokens[end]) &&
    remainder.filter((t) => t.kind === "word").length <= 6 &&
    !remainder.some((t) => t.kind === "mark" || t.kind === "open" || t.kind === "stop");
  const unread = looksLikeNames ? unreadText(afterSeparator(tokens, end)) : "";
  return { directors, writers, role, standalone: false, ...(unread ? { unread } : {}) };
}

/** Whether a line of plain text or HTML is a credit and nothing else (it may leave a body). */
export function isStandaloneCredit(lineHtml: string): boolean {
  return readCredit(lineHtml)?.standalone === true;
}

// Text for benchmark data: nonsense drawn from a vocabulary written here, with the shape of
// real reviews (paragraphs, a heading, a quotation) and a long-tailed choice of words.

// Film words and glue words, used often; and a few thousand made-up words from syllables,
// drawn with a long tail as real vocabularies are, so that most searches match a handful of
// reviews rather than all of them.
const commonWords = `light shadow frame cut night city road table cards dealer money debt
  window rain neon desert hotel bar street face voice silence score camera lens close wide
  long take actor performance script scene ending opening reel print grain colour
  the a of and in to with for on at by from that this which who whose it its they their
  is was were has had will would could should might never always often rarely almost`
  .split(/\s+/)
  .filter(Boolean);
const syllables = "ka lo mi ser ta vin dor el ra phe qui nal bos tre wen ju mar cel ost ri".split(
  " ",
);
export const rareWords = Array.from({ length: 4000 }, (_, i) => {
  let word = "";
  for (let n = i + 7; word.length < 5 || n > 0; n = Math.floor(n / syllables.length)) {
    word += syllables[n % syllables.length];
    if (n < syllables.length) break;
  }
  return `${word}${i % 7 === 0 ? "s" : ""}`;
});

export function word(rand: () => number): string {
  if (rand() < 0.55) return pick(rand, commonWords);
  // Cubing skews the draw towards the start of the list: a few words are frequent.
  return rareWords[Math.floor(rareWords.length * rand() ** 3)]!;
}

/** Queries for the search scenario: a common word, mid-frequency and rare made-up words, a pair. */
export const benchSearchTerms = [
  "night",
  rareWords[40]!,
  rareWords[400]!,
  rareWords[2500]!,
  `${rareWords[120]!} ${rareWords[300]!}`,
  "quiet harbour",
];

export const titleWords = `Quiet Harbour Last Hand Long Night Empty Room Crooked Mile Velvet Hour
  Silver Road Broken Clock Paper Moon Cold Deck Open Door Small Hours Red Light Dead Calm
  Second Chance Lucky Streak Grey Morning Lost Weekend Stone River High Window`.split(/\s+/);
export const firstNames = `Ada Bruno Clara Dmitri Elena Felix Greta Hugo Ines Jonas Kira Lionel Mira
  Nils Odile Pavel Rosa Sami Tilda Umberto Vera Walter Xenia Yusuf Zora Émile Ángela`.split(/\s+/);
export const lastNames = `Abel Brandt Castillo Dorn Eriksen Falk Gardner Holm Ivanova Jansen Kovač
  Lindqvist Moreau Novak Okafor Petit Quint Rossi Sato Tanaka Ulrich Varga Weiss Young Zeller`.split(
  /\s+/,
);

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

export function paragraph(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(rand));
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

export function body(rand: () => number, words: number): string {
  const parts: string[] = [];
  let left = words;
  let n = 0;
  while (left > 0) {
    const size = Math.min(left, 80 + Math.floor(rand() * 70));
    if (n === 3) parts.push(`## ${pick(rand, titleWords)} ${pick(rand, titleWords)}`);
    parts.push(n === 5 ? `> ${paragraph(rand, size)}` : paragraph(rand, size));
    left -= size;
    n++;
  }
  return parts.join("\n\n");
}

// Ratings are stored on 0–100 and shown on the site's scale.
/** The scales a site may show its ratings on (a site setting). */
export const ratingScales = ["none", "stars5", "ten", "hundred"] as const;
export type RatingScale = (typeof ratingScales)[number];

export interface RatingDisplay {
  /** What a sighted reader sees, e.g. "★★★★½". */
  text: string;
  /** What a screen reader says, e.g. "4.5 out of 5". */
  label: string;
}

export function displayRating(rating: number | null, scale: RatingScale): RatingDisplay | null {
  if (rating == null || scale === "none") return null;
  switch (scale) {
    case "stars5": {
      const halves = Math.round(rating / 10);
      const full = Math.floor(halves / 2);
      const text = "★".repeat(full) + (halves % 2 ? "½" : "");
      return { text: text || "no stars", label: `${halves / 2} out of 5` };
    }
    case "ten": {
      const value = Math.round(rating / 10);
      return { text: `${value}/10`, label: `${value} out of 10` };
    }
    case "hundred":
      return { text: `${rating}/100`, label: `${rating} out of 100` };
  }
}

/** Converts a star rating (0.5–5 in halves) to the stored 0–100 value. */
export function starsToRating(stars: number): number {
  return Math.round(stars * 20);
}

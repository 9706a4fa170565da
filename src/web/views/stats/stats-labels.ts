// Words and labels the stats views share: rating steps on the site's scale,
// plurals.
import type { RatingScale } from "../../../content/rating.ts";

/** "1 film", "3 films". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** A histogram step's label on the site's scale: "4½" stars, "7" of ten, "70–79" of a hundred. */
export function ratingStepLabel(value: number, scale: RatingScale): string {
  if (scale === "stars5") {
    const halves = value / 10;
    return `${Math.floor(halves / 2) || ""}${halves % 2 ? "½" : ""}★`;
  }
  if (scale === "ten") return String(value / 10);
  return value === 90 ? "90–100" : `${value}–${value + 9}`;
}

export function ratingScaleName(scale: RatingScale): string {
  return scale === "stars5" ? "stars" : scale === "ten" ? "points out of 10" : "points out of 100";
}

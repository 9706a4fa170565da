// What the last action on a series queue did, told on the page it redirected to (`?done=`).
import { filmLabel } from "../../domain/films.ts";

type Film = { title: string; year: number | null };

export function queueNotice(
  done: string | undefined,
  items: { entryId: number; film: Film }[],
  subject: { entryId: number; removed: Film | undefined },
): string | undefined {
  const index = items.findIndex((i) => i.entryId === subject.entryId);
  const label = index >= 0 ? `“${filmLabel(items[index]!.film)}”` : "The film";
  const place = `number ${index + 1} of ${items.length}`;
  switch (done) {
    case "created":
      return "Series created. Add its films below.";
    case "saved":
      return "Title and description saved.";
    case "added":
      return `${label} added to the queue as ${place}.`;
    case "moved":
      return `${label} is now ${place}.`;
    case "first":
      return `${label} is already first.`;
    case "last":
      return `${label} is already last.`;
    case "reordered":
      return "New order saved.";
    case "stale":
      return "The queue changed while you were arranging it, so that order was not saved. Here it is as it stands now.";
    case "removed":
      return `${subject.removed ? `“${filmLabel(subject.removed)}”` : "The film"} was taken out of the queue.`;
    default:
      return undefined;
  }
}

/**
 * The button a Move up / Move down redirect names in its fragment, so the browser scrolls to it
 * and focuses it again; once the film reaches an end that button is disabled, and the other
 * one is named (or the entry itself, when it is the only one).
 */
export function focusAfterMove(
  place: { number: number; total: number },
  direction: "up" | "down",
): "move-up" | "move-down" | "entry" {
  const canUp = place.number > 1;
  const canDown = place.number < place.total;
  if (direction === "up") return canUp ? "move-up" : canDown ? "move-down" : "entry";
  return canDown ? "move-down" : canUp ? "move-up" : "entry";
}

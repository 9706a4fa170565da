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

// A review card's picture: the lead still, small and lazy, with its ThumbHash placeholder
// behind it and its own width and height so the list never jumps while images arrive.
import type { Still } from "../../db/schema.ts";
import { StillPicture } from "./still-figure.tsx";

// Matches style-listings.css: full width of the column on a phone, a 13rem column beside the text
// from 40rem up. The browser picks the 480 or 960 variant from these.
const cardSizes = "(min-width: 40rem) 13rem, calc(100vw - 2.5rem)";
// A row of a person's or a series' list: a 6rem thumbnail at any width.
const thumbSizes = "6rem";
const mediaBase = "/media";

export function CardStill(props: { still: Still; thumb?: boolean }) {
  return (
    <div class={props.thumb ? "card-still thumb" : "card-still"}>
      <StillPicture
        still={props.still}
        mediaBase={mediaBase}
        sizes={props.thumb ? thumbSizes : cardSizes}
        fallback="small"
      />
    </div>
  );
}

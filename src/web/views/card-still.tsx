// A review card's picture: the lead still, small and lazy, with its ThumbHash placeholder
// behind it and its own width and height so the list never jumps while images arrive.
import type { Still } from "../../db/schema.ts";
import { variantsOf } from "../../domain/stills.ts";
import { placeholderDataUrl } from "../../media/placeholder.ts";
import { srcset } from "./still-figure.tsx";

// Matches style.css: full width of the column on a phone, a 13rem column beside the text
// from 40rem up. The browser picks the 480 or 960 variant from these.
const cardSizes = "(min-width: 40rem) 13rem, calc(100vw - 2.5rem)";
// A row of a person's or a series' list: a 6rem thumbnail at any width.
const thumbSizes = "6rem";
const mediaBase = "/media";

export function CardStill(props: { still: Still; thumb?: boolean }) {
  const { still } = props;
  const sizes = props.thumb ? thumbSizes : cardSizes;
  const variants = variantsOf(still);
  const webp = variants.filter((v) => v.format === "webp");
  const jpeg = variants.filter((v) => v.format === "jpeg");
  // The smallest JPEG is plenty for a card when the browser ignores srcset.
  const fallback = jpeg[0]?.path ?? still.path;
  const placeholder = placeholderDataUrl(still.thumbhash);
  const img = (
    <img
      src={`${mediaBase}/${fallback}`}
      srcset={jpeg.length ? srcset(jpeg, mediaBase) : undefined}
      sizes={jpeg.length ? sizes : undefined}
      alt={still.alt}
      width={still.width}
      height={still.height}
      loading="lazy"
      decoding="async"
      style={placeholder ? `background-image:url(${placeholder})` : undefined}
    />
  );
  return (
    <div class={props.thumb ? "card-still thumb" : "card-still"}>
      {webp.length ? (
        <picture>
          <source type="image/webp" srcset={srcset(webp, mediaBase)} sizes={sizes} />
          {img}
        </picture>
      ) : (
        img
      )}
    </div>
  );
}

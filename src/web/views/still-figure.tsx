// A still as a responsive figure: WebP and JPEG srcsets, fixed dimensions so nothing jumps,
// a ThumbHash placeholder behind it, and lazy loading unless it is the first thing seen.
import type { Still } from "../../db/schema.ts";
import { variantsOf } from "../../domain/stills.ts";
import { placeholderDataUrl } from "../../media/placeholder.ts";
import type { StillVariant } from "../../media/still-variants.ts";

// The lead still runs wider than the text column on large screens (see style.css).
const leadSizes = "(min-width: 64rem) 52rem, calc(100vw - 2.5rem)";
const inlineSizes = "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)";

function srcset(variants: StillVariant[], mediaBase: string): string {
  return variants.map((v) => `${mediaBase}/${v.path} ${v.width}w`).join(", ");
}

/**
 * The <picture> of a still: WebP and JPEG srcsets for the given `sizes`, its own width and
 * height, the ThumbHash placeholder behind it. Shared by review pages and listing cards.
 */
export function StillPicture(props: {
  still: Still;
  mediaBase: string;
  sizes: string;
  /** "small" for cards (the smallest JPEG suffices), "middle" for a page's own stills. */
  fallback: "small" | "middle";
  eager?: boolean;
}) {
  const { still, mediaBase, sizes } = props;
  const variants = variantsOf(still);
  const webp = variants.filter((v) => v.format === "webp");
  const jpeg = variants.filter((v) => v.format === "jpeg");
  // The src a browser uses when it ignores srcset.
  const fallback =
    props.fallback === "small" ? jpeg[0] : (jpeg.find((v) => v.width >= 960) ?? jpeg.at(-1));
  const placeholder = placeholderDataUrl(still.thumbhash);
  const img = (
    <img
      src={`${mediaBase}/${fallback?.path ?? still.path}`}
      srcset={jpeg.length ? srcset(jpeg, mediaBase) : undefined}
      sizes={jpeg.length ? sizes : undefined}
      alt={still.alt}
      width={still.width}
      height={still.height}
      loading={props.eager ? "eager" : "lazy"}
      fetchpriority={props.eager ? "high" : undefined}
      decoding="async"
      style={placeholder ? `background-image:url(${placeholder})` : undefined}
    />
  );
  if (!webp.length) return img;
  return (
    <picture>
      <source type="image/webp" srcset={srcset(webp, mediaBase)} sizes={sizes} />
      {img}
    </picture>
  );
}

export function StillFigure(props: { still: Still; mediaBase: string; lead?: boolean }) {
  const { still } = props;
  return (
    <figure class={props.lead ? "still still-lead" : "still"}>
      <StillPicture
        still={still}
        mediaBase={props.mediaBase}
        sizes={props.lead ? leadSizes : inlineSizes}
        fallback="middle"
        eager={props.lead}
      />
      {still.caption ? <figcaption>{still.caption}</figcaption> : null}
    </figure>
  );
}

// A still as a responsive figure: WebP and JPEG srcsets, fixed dimensions so nothing jumps,
// a ThumbHash placeholder behind it, and lazy loading unless it is the first thing seen.
import type { Still } from "../../db/schema.ts";
import { variantsOf } from "../../domain/stills.ts";
import { placeholderDataUrl } from "../../media/placeholder.ts";
import type { StillVariant } from "../../media/still-variants.ts";

// The lead still runs wider than the text column on large screens (see style.css).
const leadSizes = "(min-width: 64rem) 52rem, calc(100vw - 2.5rem)";
const inlineSizes = "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)";

export function srcset(variants: StillVariant[], mediaBase: string): string {
  return variants.map((v) => `${mediaBase}/${v.path} ${v.width}w`).join(", ");
}

export function StillFigure(props: { still: Still; mediaBase: string; lead?: boolean }) {
  const { still, mediaBase } = props;
  const variants = variantsOf(still);
  const webp = variants.filter((v) => v.format === "webp");
  const jpeg = variants.filter((v) => v.format === "jpeg");
  // The fallback src is a middling JPEG: good enough anywhere, cheap on a phone.
  const fallback = jpeg.find((v) => v.width >= 960) ?? jpeg[jpeg.length - 1];
  const placeholder = placeholderDataUrl(still.thumbhash);
  const sizes = props.lead ? leadSizes : inlineSizes;
  const img = (
    <img
      src={`${mediaBase}/${fallback?.path ?? still.path}`}
      srcset={jpeg.length ? srcset(jpeg, mediaBase) : undefined}
      sizes={jpeg.length ? sizes : undefined}
      alt={still.alt}
      width={still.width}
      height={still.height}
      loading={props.lead ? "eager" : "lazy"}
      fetchpriority={props.lead ? "high" : undefined}
      decoding="async"
      style={placeholder ? `background-image:url(${placeholder})` : undefined}
    />
  );
  return (
    <figure class={props.lead ? "still still-lead" : "still"}>
      {webp.length ? (
        <picture>
          <source type="image/webp" srcset={srcset(webp, mediaBase)} sizes={sizes} />
          {img}
        </picture>
      ) : (
        img
      )}
      {still.caption ? <figcaption>{still.caption}</figcaption> : null}
    </figure>
  );
}

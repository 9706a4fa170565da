// `<link rel="prev/next">` for a paged listing's head, so crawlers and reader tools follow
// the pages as a sequence. The addresses match the visible Older/Newer links.
import type { Page } from "../../domain/reviews.ts";
import { pageHref } from "./review-list.tsx";
import { HeadLink } from "./head-link.ts";

export function PageRelLinks(props: { page: Page<unknown>; basePath: string }) {
  const { page, pageCount } = props.page;
  return (
    <>
      {page > 1 && page <= pageCount ? (
        <HeadLink rel="prev" href={pageHref(props.basePath, page - 1)} />
      ) : null}
      {page < pageCount ? <HeadLink rel="next" href={pageHref(props.basePath, page + 1)} /> : null}
    </>
  );
}

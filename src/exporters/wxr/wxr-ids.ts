// Post ids in the export. WordPress needs one id space for posts, attachments and pages;
// Cinelog numbers reviews, stills and series separately. Interleaving them keeps every id
// the same from one export to the next (an import run twice, or a newer export of the same
// site, recognises what it brought in before): 4n for review n, 4n+1 for still n, 4n+2
// for series n; 4n+3 is left for posts and pages.
export const reviewPostId = (id: number): string => String(id * 4);
export const stillPostId = (id: number): string => String(id * 4 + 1);
export const seriesPostId = (id: number): string => String(id * 4 + 2);
export const postPostId = (id: number): string => String(id * 4 + 3);

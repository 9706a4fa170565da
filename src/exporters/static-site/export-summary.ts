// What a static export wrote, for the summary at the end, and what it could not write.

export type FileKind = "page" | "feed" | "redirect" | "asset" | "media" | "other";

interface Missed {
  path: string;
  why: string;
  /** A page that linked to it, to find the link by. */
  linkedFrom: string | undefined;
}

export class StaticExportSummary {
  readonly files: Record<FileKind, number> = {
    page: 0,
    feed: 0,
    redirect: 0,
    asset: 0,
    media: 0,
    other: 0,
  };
  bytes = 0;
  readonly missed: Missed[] = [];
  /** Old addresses left out because the page they led to is not public. */
  redirectsLeftOut = 0;

  wrote(kind: FileKind, bytes: number): void {
    this.files[kind] += 1;
    this.bytes += bytes;
  }

  get fileCount(): number {
    return Object.values(this.files).reduce((a, b) => a + b, 0);
  }

  toText(dir: string): string {
    const f = this.files;
    const lines = [
      `Exported the site to ${dir}:`,
      `  pages: ${f.page}`,
      `  feeds: ${f.feed}`,
      `  media files: ${f.media}`,
      `  stylesheets and scripts: ${f.asset}`,
      `  other files (sitemap, robots.txt, 404 page): ${f.other}`,
      `  redirects from old addresses: ${f.redirect}`,
      `  ${this.fileCount} files, ${formatBytes(this.bytes)}`,
    ];
    if (this.redirectsLeftOut > 0) {
      lines.push(`  old addresses of unpublished pages left out: ${this.redirectsLeftOut}`);
    }
    if (this.missed.length > 0) {
      lines.push("Not exported:");
      for (const m of this.missed) {
        lines.push(`  ${m.path}: ${m.why}${m.linkedFrom ? ` (linked from ${m.linkedFrom})` : ""}`);
      }
    }
    return lines.join("\n");
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

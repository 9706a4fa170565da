// In-process notice of content changes, so caches in this process drop stale pages at once.
// Other processes learn of the same changes from the content_changes table (see
// src/domain/changes.ts).
type ChangeListener = (tags: readonly string[]) => void;

export class ChangeBus {
  readonly #listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(tags: readonly string[]): void {
    for (const listener of this.#listeners) listener(tags);
  }
}

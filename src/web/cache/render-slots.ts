// At most a few uncached renders at once; the rest wait their turn, first come first served,
// before they have read or built anything.
//
// On PostgreSQL a render waits for its statements, and meanwhile the event loop starts the
// next request's render, and the next: with 32 readers at once, 32 renders were in flight, each
// holding what it had read while the others ran. V8 then found those objects still alive at
// two young collections and moved them to the old generation, where only a full collection
// frees them: 115 KB a request on the long thread, a full collection every quarter of a second.
// With 4–8 in flight the same load promoted 24–45 KB a request, and with 8 the long thread took
// 13–19 % less CPU a request (bench/README.md, "Renders at once"). SQLite's renders are
// synchronous and never queue here.
export interface RenderSlotStats {
  /** How many renders may run at once. */
  size: number;
  active: number;
  waiting: number;
  /** The most that ever ran at once (never more than `size`). */
  mostActive: number;
}

export class RenderSlots {
  #active = 0;
  #mostActive = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`render slots: ${size}`);
  }

  /** Runs `render` once a slot is free; the slot passes to the next in line when it settles. */
  async run<T>(render: () => Promise<T>): Promise<T> {
    if (this.#active < this.size) this.#active++;
    // A finished render hands its slot straight to the first in line (active stays the same).
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#mostActive = Math.max(this.#mostActive, this.#active);
    try {
      return await render();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }

  stats(): RenderSlotStats {
    return {
      size: this.size,
      active: this.#active,
      waiting: this.#waiting.length,
      mostActive: this.#mostActive,
    };
  }
}

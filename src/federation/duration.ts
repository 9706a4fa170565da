// Fedify's types name the global `Temporal`, which Node 24 does not have yet (Fedify loads the
// polyfill itself): this reads a duration it hands us as the polyfill's type, in milliseconds.
import type { Temporal } from "@js-temporal/polyfill";

export function durationMs(duration: unknown): number {
  if (duration === undefined || duration === null) return 0;
  return (duration as Temporal.Duration).total({ unit: "millisecond" });
}

// Fedify and its vocabulary take about half a second and tens of megabytes to load, and a
// blog with federation off (the default) needs none of it. Everything outside
// src/federation/ reaches the federation through a loader: the modules are imported and the
// federation built the first time something needs them (an ActivityPub request while
// federation is on, an admin action, the queue worker once there is work), then reused.
import type { BlogFederation, FederationOptions } from "./federation.ts";

export type LoadFederation = () => Promise<BlogFederation>;

export function federationLoader(options: FederationOptions): LoadFederation {
  let built: Promise<BlogFederation> | undefined;
  return () => {
    built ??= import("./federation.ts")
      .then(({ buildFederation }) => buildFederation(options))
      .catch((error: unknown) => {
        // A failed load is tried again by the next caller rather than remembered.
        built = undefined;
        throw error;
      });
    return built;
  };
}

/** A federation already built (tests that drive it directly), behind the same interface. */
export function builtFederation(blog: BlogFederation): LoadFederation {
  return () => Promise.resolve(blog);
}

// openid-client, with oauth4webapi and jose (about 0.5 MB of heap once loaded), is imported on
// the first commenter sign-in rather than at start: the review pages only offer the buttons,
// and most processes never see anyone press one. One promise, so it is imported once.
let loading: Promise<typeof import("openid-client")> | undefined;

export function openidClient(): Promise<typeof import("openid-client")> {
  return (loading ??= import("openid-client"));
}

// A commenter's website as people type it. Browsers' address bars read "example.com" as the
// https address, so the comment form does too: a bare host (with or without a path) is stored
// as https://HOST…, a full http(s) address as typed, and anything else — another scheme, an
// e-mail address, words — is refused with a message rather than guessed at.

/** How long a stored website may be. */
export const websiteMaxLength = 200;

const hasWebScheme = /^https?:\/\//i;
// "javascript:", "mailto:", "ftp:" … but not "example.com:8080", whose colon starts a port.
const otherScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/** A full http(s) address with a host: what the admin's editor and sign-in profiles accept. */
export function isFullWebAddress(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
  } catch {
    return false;
  }
}

/**
 * The address to store for what was typed: "" for nothing, undefined when it is not a web
 * address. A bare host must look like one on the public web (a dot between labels) and may
 * not carry a user name, so "reader@example.com" in the wrong box is not taken for a site.
 */
export function normaliseWebsite(typed: string): string | undefined {
  const text = typed.trim();
  if (text === "") return "";
  if (hasWebScheme.test(text)) return isFullWebAddress(text) ? text : undefined;
  if (otherScheme.test(text) || /\s/.test(text)) return undefined;
  const address = `https://${text.replace(/^\/\//, "")}`;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const labels = url.hostname.split(".");
  const publicLooking =
    labels.length >= 2 &&
    labels.every((label) => label !== "") &&
    url.username === "" &&
    url.password === "";
  return publicLooking ? address : undefined;
}

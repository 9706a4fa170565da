// The rules for what the owner types about a sign-in provider. Shared by the settings form
// and by the storage, so nothing that breaks these rules is ever kept.
import { z } from "zod";

/** Hosts a provider may be reached on over plain http: a provider run on this machine. */
const loopbackHosts = new Set(["localhost", "127.0.0.1"]);

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .refine((v) => !/\p{Cc}/u.test(v), "Use a single line of plain text.");

/**
 * An address the server itself will call (or send readers to) in issue 6: https, since
 * codes and secrets travel over it; plain http only for a provider on this machine.
 */
export const providerUrl = z
  .string()
  .trim()
  .max(2000, "Keep the address under 2000 characters.")
  .superRefine((value, ctx) => {
    if (value === "") return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Give a full address, starting with https://." });
      return;
    }
    const secure =
      url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
    if (!secure) {
      ctx.addIssue({
        code: "custom",
        message: "Use an https address (plain http only for localhost or 127.0.0.1).",
      });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "Leave the user name and password out of it." });
    } else if (url.hash) {
      ctx.addIssue({ code: "custom", message: "Leave out the part after #." });
    }
  });

// A DNS name (or IPv4 address), with a port if the instance is not on 443.
const hostPattern =
  /^(?=.{1,253}(:|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * A Mastodon instance, by host name. An address pasted from the browser's bar is taken for
 * its host name, since that is what was meant.
 */
export const instanceHost = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https:\/\//, "").replace(/\/+$/, ""))
  .refine(
    (v) => v === "" || (hostPattern.test(v) && (v.includes(".") || v.startsWith("localhost"))),
    "Give the instance's host name, such as mastodon.social.",
  );

export const clientId = oneLine(500);

export const clientSecret = z
  .string()
  .max(2000, "Keep it under 2000 characters.")
  .refine((v) => !/[\r\n]/.test(v), "A secret cannot contain a line break.");

export const buttonLabel = oneLine(40);

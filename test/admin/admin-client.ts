// A small HTTP client for admin tests: signs in, keeps the session cookie, and reads each
// form's CSRF token from the page, as a browser would.
import { expect } from "vitest";
import { parseHTML } from "linkedom";
import type { Db } from "../../src/db/connect.ts";
import type { Role } from "../../src/db/schema.ts";
import { createUser } from "../../src/domain/users.ts";
import { sessionCookieName } from "../../src/web/cookie-names.ts";
import type { appFor } from "../support/app.ts";

export type App = ReturnType<typeof appFor>;

export const password = "correct horse battery";

export async function addAccount(db: Db, role: Role, name: string = role) {
  return createUser(db, {
    email: `${name}@example.com`,
    displayName: `${name[0]!.toUpperCase()}${name.slice(1)} Person`,
    role,
    password,
  });
}

export function sessionCookieFrom(response: Response): string | undefined {
  const header = response.headers.get("set-cookie") ?? "";
  const match = new RegExp(`${sessionCookieName}=([^;]*)`).exec(header);
  return match?.[1] ? `${sessionCookieName}=${match[1]}` : undefined;
}

export function postForm(
  app: App,
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "sec-fetch-site": "same-origin",
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
  });
}

export async function signIn(app: App, email: string, secret = password): Promise<string> {
  const response = await postForm(app, "/admin/sign-in", { email, password: secret });
  const cookie = sessionCookieFrom(response);
  // An assertion, so a test whose point is "this account can sign in" counts as checking it.
  expect(response.status, `sign-in of ${email}`).toBe(303);
  expect(cookie, `session cookie for ${email}`).toBeTruthy();
  return cookie!;
}

export async function getAs(app: App, path: string, cookie?: string) {
  const response = await app.request(path, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  return { response, html, document: parseHTML(html).document };
}

/** The id of the review a save redirected to its editor; a refused save throws. */
export function savedReviewId(response: Response): number {
  const match = /\/admin\/reviews\/(\d+)\/edit/.exec(response.headers.get("location") ?? "");
  if (!match) throw new Error(`not saved: ${response.status}`);
  return Number(match[1]);
}

/** The CSRF token of the forms on an admin page. */
export async function csrfToken(app: App, cookie: string, path = "/admin"): Promise<string> {
  const { document } = await getAs(app, path, cookie);
  const input = document.querySelector('input[name="_csrf"]');
  const token = input?.getAttribute("value");
  if (!token) throw new Error(`no CSRF token on ${path}`);
  return token;
}

/** Each field's value and error message, as the form shows them. */
export function formState(document: Document) {
  const value = (name: string) => {
    const el = document.querySelector(`[name="${name}"]`);
    if (!el) return undefined;
    // linkedom leaves a textarea's character references undecoded; browsers decode them.
    if (el.tagName === "TEXTAREA") return decodeEntities(el.innerHTML);
    if (el.tagName === "SELECT") {
      return el.querySelector("option[selected]")?.getAttribute("value") ?? "";
    }
    if (el.getAttribute("type") === "checkbox") return el.hasAttribute("checked") ? "on" : "";
    return el.getAttribute("value") ?? "";
  };
  const error = (id: string) => document.querySelector(`#${id}-error`)?.textContent?.trim();
  return { value, error };
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

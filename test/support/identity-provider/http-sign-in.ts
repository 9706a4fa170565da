// Walks the test provider's sign-in by plain fetch, for tests that need no browser: follows
// its redirects and fills its forms, and stops at the first redirect off the provider (to the
// client's redirect_uri), which it returns without following.
const formPattern = /<form id="(login|consent|refuse)" method="post" action="([^"]+)"/g;

/** Cookies by name; the provider's are few and path-scoped loosely enough to send them all. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = "", date = ""] = a.split("=");
        return key.trim().toLowerCase() === "expires" && Date.parse(date) <= Date.now();
      });
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface FetchSignInOptions {
  /** Refuse at consent instead of allowing. */
  refuse?: boolean;
  /** Keeps the provider's session between sign-ins, as a browser would. */
  jar?: CookieJar;
  login?: string;
}

export async function signInByFetch(
  authorizationUrl: string,
  options: FetchSignInOptions = {},
): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  const provider = new URL(authorizationUrl).origin;
  let next: { url: URL; body?: URLSearchParams } = { url: new URL(authorizationUrl) };
  for (let step = 0; step < 20; step++) {
    const response = await fetch(next.url, {
      method: next.body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: jar.header() },
      ...(next.body ? { body: next.body } : {}),
    });
    jar.take(response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const url = new URL(location, next.url);
      if (url.origin !== provider) return url;
      next = { url };
      continue;
    }
    const html = await response.text();
    const forms = new Map([...html.matchAll(formPattern)].map((m) => [m[1], m[2]!]));
    const login = forms.get("login");
    const answer = forms.get(options.refuse ? "refuse" : "consent");
    if (response.status === 200 && login) {
      const body = new URLSearchParams({
        login: options.login ?? "zoet",
        password: "any password will do",
      });
      next = { url: new URL(login, next.url), body };
    } else if (response.status === 200 && answer) {
      next = { url: new URL(answer, next.url), body: new URLSearchParams() };
    } else {
      throw new Error(`The provider answered ${response.status} at ${next.url}: ${html}`);
    }
  }
  throw new Error("The provider's sign-in did not end in 20 steps.");
}

/** An authorization request for the code flow. */
export function authorizationUrl(endpoint: string, params: Record<string, string>): string {
  const url = new URL(endpoint);
  for (const [key, value] of Object.entries({ response_type: "code", ...params })) {
    url.searchParams.set(key, value);
  }
  return url.toString();
}

/** A token request for a code, the client authenticating by HTTP Basic or in the body. */
export async function tokenRequest(
  endpoint: string,
  body: Record<string, string>,
  credentials: { clientId: string; clientSecret: string },
  auth: "basic" | "post",
): Promise<Response> {
  const form = new URLSearchParams({ grant_type: "authorization_code", ...body });
  const headers: Record<string, string> = { accept: "application/json" };
  if (auth === "basic") {
    const pair = `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
  } else {
    form.set("client_id", credentials.clientId);
    form.set("client_secret", credentials.clientSecret);
  }
  return fetch(endpoint, { method: "POST", headers, body: form });
}

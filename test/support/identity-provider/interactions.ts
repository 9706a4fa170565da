// The provider's own sign-in and consent pages. oidc-provider's devInteractions would do, but
// their page loads a font from Google (a foreign request the browser tests record) and warn
// on every start; these are a few plain forms, easy to drive by fetch or by a browser.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import { readForm, sendHtml } from "./http.ts";

export interface InteractionAccount {
  sub: string;
  username: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function loginPage(uid: string, error: string): string {
  const alert = error ? `<p role="alert">${escapeHtml(error)}</p>` : "";
  return page(
    "Sign in to the test provider",
    `${alert}<form id="login" method="post" action="/interaction/${uid}/login">
<p><label>Username <input name="login" autocomplete="off" required></label></p>
<p><label>Password <input name="password" type="password" required></label></p>
<p><button type="submit">Sign in</button></p>
</form>`,
  );
}

function consentPage(uid: string, clientName: string, scopes: string[]): string {
  const list = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("");
  return page(
    "Allow access",
    `<p>${escapeHtml(clientName)} asks to read your account.</p><ul>${list}</ul>
<form id="consent" method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form id="refuse" method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
  );
}

/** Answers /interaction/UID and its three forms; false when the path is not one of them. */
export async function handleInteraction(
  provider: Provider,
  account: InteractionAccount,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const match = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(path);
  if (!match) return false;
  const action = match[2];
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(res, 400, page("Sign-in expired", "<p>Start the sign-in again.</p>"));
    return true;
  }
  const { uid, prompt, params, session, grantId } = details;

  if (req.method === "GET" && !action) {
    if (prompt.name === "login") {
      sendHtml(res, 200, loginPage(uid, ""));
    } else {
      const client = await provider.Client.find(String(params.client_id));
      const scopes = (typeof params.scope === "string" ? params.scope : "")
        .split(" ")
        .filter(Boolean);
      sendHtml(res, 200, consentPage(uid, client?.clientName ?? "An application", scopes));
    }
    return true;
  }
  if (req.method !== "POST") {
    sendHtml(res, 405, page("Not allowed", ""));
    return true;
  }

  if (action === "abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User aborted interaction" },
      { mergeWithLastSubmission: false },
    );
    return true;
  }

  if (action === "login" && prompt.name === "login") {
    const form = await readForm(req);
    const login = form.get("login") ?? "";
    if (![account.sub, account.username].includes(login) || !form.get("password")) {
      sendHtml(res, 200, loginPage(uid, "No such account here."));
      return true;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }

  if (action === "confirm" && prompt.name === "consent") {
    await readForm(req);
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({
          accountId: session?.accountId ?? account.sub,
          clientId: String(params.client_id),
        });
    if (!grant) throw new Error("The interaction's grant is gone.");
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(" "));
    }
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
    return true;
  }

  sendHtml(res, 400, page("Out of step", "<p>Start the sign-in again.</p>"));
  return true;
}

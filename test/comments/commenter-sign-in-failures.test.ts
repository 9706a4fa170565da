// Commenter sign-in's failures over HTTP, against a real OpenID Provider on 127.0.0.1:
// consent refused, a state not this browser's or unknown, an expired code, a provider that
// cannot be reached, a profile that cannot be read, a forged or stale form, and a return
// address off the site. Each ends on the review page with a message and the comment intact
// (or, with no comment to go back to, on a page saying so): never a 500.
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "../../src/domain/commenter-sign-in/return-path.ts";
import { disableProvider } from "../../src/domain/sign-in-providers/provider-settings.ts";
import { signInMessages } from "../../src/web/public/commenter-sign-in-routes.tsx";
import { dialects } from "../support/databases.ts";
import { signInByFetch } from "../support/identity-provider/http-sign-in.ts";
import {
  authorizationUrlOf,
  CookieJar,
  enableProvider,
  expectDraftBack,
  postToStart,
  signInSite,
  signInThrough,
  site,
  typed,
} from "./commenter-sign-in-client.ts";

describe.each(dialects)("commenter sign-in failures on %s", (dialect) => {
  const s = signInSite(dialect);

  it("ends on the review page with the comment intact when consent is refused", async () => {
    const jar = new CookieJar();
    const back = await signInThrough(
      s.app,
      s.db,
      s.vegas,
      "oidc",
      jar,
      { comment: typed },
      { refuse: true },
    );
    await expectDraftBack(back, signInMessages.refused("OpenID Connect"), 400);
    expect(jar.header()).not.toContain("cinelog_reader_session=");
  });

  it("refuses a callback whose state is not this browser's", async () => {
    const mine = new CookieJar();
    const theirs = new CookieJar();
    // Someone else's sign-in, answered in this browser: a login forgery.
    const start = await postToStart(s.app, s.db, s.vegas, "oidc", mine, { comment: typed });
    await authorizationUrlOf(start);
    const other = await postToStart(s.app, s.db, s.vegas, "oidc", theirs, { comment: "theirs" });
    const theirCallback = await signInByFetch((await authorizationUrlOf(other)).href);
    const response = await s.app.request(
      `${site}${theirCallback.pathname}${theirCallback.search}`,
      {
        headers: { cookie: mine.header() },
      },
    );
    await expectDraftBack(response, signInMessages.state("OpenID Connect"), 400);
  });

  it("refuses an unknown state with a page, not an error", async () => {
    const response = await s.app.request(`${site}/auth/oidc/callback?code=abc&state=nothing`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("could not be matched");
  });

  it("ends on the review page when the provider says the code expired", async () => {
    const jar = new CookieJar();
    s.idp.expireNextCode();
    const back = await signInThrough(s.app, s.db, s.vegas, "oidc", jar, { comment: typed });
    await expectDraftBack(back, signInMessages.expired("OpenID Connect"), 400);
  });

  it("ends on the review page when the provider cannot be reached", async () => {
    // At the start (discovery), and at the callback (the token request).
    await enableProvider(s.db, "google", {
      clientId: "x",
      discoveryUrl: "http://127.0.0.1:9/.well-known/openid-configuration",
    });
    const early = await postToStart(s.app, s.db, s.vegas, "google", new CookieJar(), {
      comment: typed,
    });
    await expectDraftBack(early, signInMessages.unreachable("Google"), 502);
    await disableProvider(s.db, "google");

    const github = await s.idp.addClient([`${site}/auth/github/callback`]);
    const endpoints = s.idp.endpointsFor("github");
    const jar = new CookieJar();
    await enableProvider(s.db, "github", {
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: endpoints.authorization,
      tokenUrl: "http://127.0.0.1:9/token",
      userinfoUrl: endpoints.userinfo,
    });
    const back = await signInThrough(s.app, s.db, s.vegas, "github", jar, { comment: typed });
    await expectDraftBack(back, signInMessages.unreachable("GitHub"), 502);
    await enableProvider(s.db, "github", {
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      ...{ authorizationUrl: endpoints.authorization, tokenUrl: endpoints.token },
      userinfoUrl: endpoints.userinfo,
    });
  });

  it("ends on the review page when the profile cannot be read", async () => {
    const github = await s.idp.addClient([`${site}/auth/github/callback`]);
    const endpoints = s.idp.endpointsFor("github");
    await enableProvider(s.db, "github", {
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: endpoints.authorization,
      tokenUrl: endpoints.token,
      // An image, not a profile.
      userinfoUrl: `${s.idp.origin}/avatars/zoet.png`,
    });
    const back = await signInThrough(s.app, s.db, s.vegas, "github", new CookieJar(), {
      comment: typed,
    });
    await expectDraftBack(back, signInMessages.profile("GitHub"), 502);
    await enableProvider(s.db, "github", {
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: endpoints.authorization,
      tokenUrl: endpoints.token,
      userinfoUrl: endpoints.userinfo,
    });
  });

  it("checks the form's origin and token before starting a sign-in", async () => {
    const crossSite = await postToStart(
      s.app,
      s.db,
      s.vegas,
      "oidc",
      new CookieJar(),
      { comment: typed },
      {
        "sec-fetch-site": "cross-site",
      },
    );
    await expectDraftBack(crossSite, undefined, 403);
    const stale = await postToStart(s.app, s.db, s.vegas, "oidc", new CookieJar(), {
      comment: typed,
      token: "1.abc",
    });
    await expectDraftBack(stale, undefined, 422);
  });

  it("goes back only to a path on this site", async () => {
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "review"]) {
      expect(safeReturnPath(bad)).toBeUndefined();
      const response = await postToStart(s.app, s.db, s.vegas, "oidc", new CookieJar(), {
        comment: typed,
        return_to: bad,
      });
      expect(response.status).toBe(404);
    }
    expect(safeReturnPath("/review/a?b=1")).toBe("/review/a?b=1");
  });
});

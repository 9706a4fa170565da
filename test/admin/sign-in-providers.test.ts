// Sign-in providers for commenters: the presets are complete data, the owner's settings are
// kept out of every page where they are secret, and the settings form behaves like every
// other admin form (messages beside fields, nothing typed lost, an expired form kept).
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  defaultEndpoint,
  endpointNames,
  presets,
  providerKeys,
  type ProviderKey,
} from "../../src/domain/sign-in-providers/presets.ts";
import {
  isWellFormedReading,
  profileItems,
  readProfile,
} from "../../src/domain/sign-in-providers/profile-fields.ts";
import {
  blankProviderSettings,
  disableProvider,
  enabledProviders,
  listProviders,
  loadProviderSettings,
  redirectUriFor,
  saveProvider,
} from "../../src/domain/sign-in-providers/provider-settings.ts";
import { dialects } from "../support/databases.ts";
import { formState, getAs, postForm, signIn } from "./admin-client.ts";
import { adminSite } from "./admin-site.ts";

const isHttpsUrl = (value: string) => new URL(value).protocol === "https:";

describe("the provider presets", () => {
  it("cover the providers the issue names, each with what its kind needs", () => {
    expect([...providerKeys]).toEqual([
      "wordpress",
      "x",
      "facebook",
      "github",
      "google",
      "mastodon",
      "oidc",
    ]);
    for (const key of providerKeys) {
      const preset = presets[key];
      expect(preset.label, key).not.toBe("");
      expect(preset.scopes.length, key).toBeGreaterThan(0);
      expect(
        preset.scopes.every((s) => /^\S+$/.test(s)),
        key,
      ).toBe(true);
      if (preset.registerAt) expect(isHttpsUrl(preset.registerAt), key).toBe(true);
      if (preset.kind === "oauth2") {
        for (const name of endpointNames)
          expect(isHttpsUrl(preset.endpoints[name]), key).toBe(true);
      }
      if (preset.kind === "oidc") {
        expect(preset.scopes, key).toContain("openid");
        if (preset.discoveryUrl !== null) {
          expect(isHttpsUrl(preset.discoveryUrl), key).toBe(true);
          expect(new URL(preset.discoveryUrl).pathname).toBe("/.well-known/openid-configuration");
        }
      }
      if (preset.kind === "mastodon") {
        for (const path of Object.values(preset.paths))
          expect(path, key).toMatch(/^\/[a-z0-9/_]+$/);
      }
      // Every reader has a way to read a name; each way is a path or a template of paths.
      expect(preset.profile.name.length, key).toBeGreaterThan(0);
      for (const item of profileItems) {
        for (const reading of preset.profile[item]) {
          expect(isWellFormedReading(reading), `${key} ${item}: ${reading}`).toBe(true);
        }
      }
    }
    expect(presets.x.pkce).toBe(true);
    expect(presets.oidc).toMatchObject({ kind: "oidc", discoveryUrl: null });
  });

  it("name Mastodon's endpoints on the instance given", () => {
    expect(defaultEndpoint(presets.mastodon, "token", "films.example")).toBe(
      "https://films.example/oauth/token",
    );
    expect(defaultEndpoint(presets.mastodon, "token")).toBeNull();
    expect(defaultEndpoint(presets.google, "authorization")).toBeNull();
    expect(defaultEndpoint(presets.github, "userinfo")).toBe("https://api.github.com/user");
  });

  it("read a profile the way each provider answers", () => {
    expect(
      readProfile(
        { data: { id: "1", name: "", username: "reel_critic", profile_image_url: "https://a/b" } },
        presets.x.profile,
      ),
    ).toEqual({
      name: "reel_critic",
      avatar: "https://a/b",
      profileUrl: "https://x.com/reel_critic",
      email: "",
    });
    expect(
      readProfile(
        { name: "Mira", picture: { data: { url: "https://p/1.jpg" } }, email: "m@example.com" },
        presets.facebook.profile,
      ),
    ).toEqual({ name: "Mira", avatar: "https://p/1.jpg", profileUrl: "", email: "m@example.com" });
    // A template whose part is missing gives nothing rather than a broken address.
    expect(readProfile({ data: { name: "N" } }, presets.x.profile).profileUrl).toBe("");
    expect(isWellFormedReading("a..b")).toBe(false);
    expect(isWellFormedReading("https://x.com/{}")).toBe(false);
  });
});

describe.each(dialects)("sign-in provider settings on %s", (dialect) => {
  const site = adminSite(dialect, { accounts: ["editor"], signInAs: "critic@example.com" });
  const secret = "gh-secret-9f8e7d6c5b4a";
  const page = (path: string) => getAs(site.app, path, site.cookie);
  const post = (path: string, fields: Record<string, string>, token = site.token) =>
    postForm(site.app, path, { ...fields, _csrf: token }, { cookie: site.cookie });
  const parse = async (response: Response) => {
    const html = await response.text();
    return { html, ...formState(parseHTML(html).document) };
  };

  it("saves, lists, enables and disables in the domain, with no secret in what pages get", async () => {
    await saveProvider(site.db, "wordpress", {
      ...blankProviderSettings,
      enabled: true,
      clientId: "wp-1",
      clientSecret: "wp-secret-value",
      label: "WordPress",
    });
    await saveProvider(site.db, "mastodon", {
      ...blankProviderSettings,
      enabled: true,
      instance: "films.example",
    });
    expect(await enabledProviders(site.db)).toEqual([
      { key: "wordpress", label: "WordPress" },
      { key: "mastodon", label: "Mastodon" },
    ]);
    expect((await loadProviderSettings(site.db, "wordpress")).clientSecret).toBe("wp-secret-value");
    const listed = await listProviders(site.db);
    expect(JSON.stringify(listed)).not.toContain("wp-secret-value");
    expect(listed.find((p) => p.key === "wordpress")).toMatchObject({ hasSecret: true });

    await disableProvider(site.db, "wordpress");
    expect(await enabledProviders(site.db)).toEqual([{ key: "mastodon", label: "Mastodon" }]);
    // Turned off, not forgotten.
    expect(await loadProviderSettings(site.db, "wordpress")).toMatchObject({
      enabled: false,
      clientId: "wp-1",
      clientSecret: "wp-secret-value",
    });
    // The comment form on every review page will show them: every change empties the cache.
    const announced: string[][] = [];
    const stop = site.db.changes.subscribe((tags) => announced.push([...tags]));
    await disableProvider(site.db, "mastodon");
    stop();
    expect(await enabledProviders(site.db)).toEqual([]);
    expect(announced).toContainEqual(["site"]);

    // The storage keeps its own rules: an enabled provider without a client id is refused.
    await expect(
      saveProvider(site.db, "github", { ...blankProviderSettings, enabled: true }),
    ).rejects.toThrow();
    // A stored value broken by hand leaves the provider off rather than breaking the list.
    await site.db.kysely
      .insertInto("settings")
      .values([
        { key: "signin.google.enabled", value: "1" },
        { key: "signin.google.tokenUrl", value: "ftp://nope" },
      ])
      .execute();
    expect((await loadProviderSettings(site.db, "google")).enabled).toBe(false);
    await site.db.kysely.deleteFrom("settings").where("key", "like", "signin.google.%").execute();
  });

  it("is linked from the settings page, lists every preset, and is the owner's only", async () => {
    const settings = await page("/admin/settings");
    expect(settings.document.querySelector('a[href="/admin/settings/sign-in"]')).not.toBeNull();
    const list = await page("/admin/settings/sign-in");
    expect(list.response.status).toBe(200);
    for (const key of providerKeys) {
      expect(
        list.document.querySelector(`a[href="/admin/settings/sign-in/${key}"]`)?.textContent,
      ).toBe(presets[key].label);
    }
    const editor = await signIn(site.app, "editor@example.com");
    expect((await getAs(site.app, "/admin/settings/sign-in", editor)).response.status).toBe(403);
    expect((await getAs(site.app, "/admin/settings/sign-in/github", editor)).response.status).toBe(
      403,
    );
    expect((await page("/admin/settings/sign-in/myspace")).response.status).toBe(404);
  });

  it("shows the redirect address to register and each default as a placeholder", async () => {
    const { document } = await page("/admin/settings/sign-in/github");
    const redirect = document.querySelector("#redirectUri")!;
    expect(redirect.getAttribute("value")).toBe("http://127.0.0.1:4000/auth/github/callback");
    expect(redirect.getAttribute("value")).toBe(redirectUriFor("http://127.0.0.1:4000/", "github"));
    expect(redirect.hasAttribute("readonly")).toBe(true);
    expect(redirect.hasAttribute("name")).toBe(false);
    for (const name of endpointNames) {
      const field = {
        authorization: "authorizationUrl",
        token: "tokenUrl",
        userinfo: "userinfoUrl",
      }[name];
      expect(document.querySelector(`#${field}`)?.getAttribute("placeholder")).toBe(
        presets.github.kind === "oauth2" ? presets.github.endpoints[name] : "",
      );
    }
    // Mastodon asks for the instance and no client id; any OIDC issuer for its discovery address.
    const mastodon = (await page("/admin/settings/sign-in/mastodon")).document;
    expect(mastodon.querySelector("#instance")).not.toBeNull();
    expect(mastodon.querySelector("#clientId")).toBeNull();
    const oidc = (await page("/admin/settings/sign-in/oidc")).document;
    expect(oidc.querySelector("#discoveryUrl")).not.toBeNull();
    expect(oidc.querySelector("#clientSecret")).not.toBeNull();
  });

  it("saves a provider, never shows its secret again, keeps it when blank, forgets on request", async () => {
    const saved = await post("/admin/settings/sign-in/github", {
      enabled: "1",
      clientId: "Iv1.abc123",
      clientSecret: secret,
      tokenUrl: "http://127.0.0.1:9999/token",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/admin/settings/sign-in/github?saved=1");
    expect(await loadProviderSettings(site.db, "github")).toMatchObject({
      enabled: true,
      clientId: "Iv1.abc123",
      clientSecret: secret,
      tokenUrl: "http://127.0.0.1:9999/token",
    });
    expect(await enabledProviders(site.db)).toEqual([{ key: "github", label: "GitHub" }]);

    const form = await page("/admin/settings/sign-in/github?saved=1");
    expect(form.html).not.toContain(secret);
    expect(form.document.querySelector('[role="status"]')?.textContent).toBe("Saved.");
    expect(formState(form.document).value("clientId")).toBe("Iv1.abc123");
    expect(formState(form.document).value("enabled")).toBe("on");
    expect(form.document.querySelector("#clientSecret-hint")?.textContent).toMatch(/is stored/);
    const list = await page("/admin/settings/sign-in");
    expect(list.html).not.toContain(secret);
    expect(list.document.querySelector(".provider-table")?.textContent).toMatch(/GitHub.*On/s);

    // Blank keeps the stored secret.
    await post("/admin/settings/sign-in/github", { enabled: "1", clientId: "Iv1.changed" });
    expect(await loadProviderSettings(site.db, "github")).toMatchObject({
      clientId: "Iv1.changed",
      clientSecret: secret,
      tokenUrl: "",
    });
    // The box forgets it.
    await post("/admin/settings/sign-in/github", {
      enabled: "1",
      clientId: "Iv1.changed",
      forgetSecret: "1",
    });
    expect((await loadProviderSettings(site.db, "github")).clientSecret).toBe("");
  });

  it("turns a provider off from the list, keeping its settings", async () => {
    await post("/admin/settings/sign-in/google", {
      enabled: "1",
      clientId: "g-1",
      clientSecret: secret,
    });
    const list = await page("/admin/settings/sign-in");
    const button = [...list.document.querySelectorAll("form button")].find(
      (b) => b.textContent?.trim() === "Turn off Google",
    );
    expect(button).toBeDefined();
    const off = await post("/admin/settings/sign-in/google/disable", {});
    expect(off.status).toBe(303);
    expect(off.headers.get("location")).toBe("/admin/settings/sign-in?off=1");
    expect(await loadProviderSettings(site.db, "google")).toMatchObject({
      enabled: false,
      clientId: "g-1",
      clientSecret: secret,
    });
    expect((await enabledProviders(site.db)).map((p) => p.key)).not.toContain("google");
  });

  it("shows each mistake beside its field and keeps everything typed", async () => {
    const typedSecret = "typed-secret-not-echoed";
    const response = await post("/admin/settings/sign-in/facebook", {
      enabled: "1",
      clientId: "",
      clientSecret: typedSecret,
      label: "Facebook (friends)",
      authorizationUrl: "http://facebook.example/dialog",
      tokenUrl: "not an address",
      userinfoUrl: "http://localhost:8080/me",
    });
    expect(response.status).toBe(400);
    const form = await parse(response);
    expect(form.html).not.toContain(typedSecret);
    expect(form.error("clientId")).toBe("Give the client id to turn this on.");
    expect(form.error("authorizationUrl")).toBe(
      "Use an https address (plain http only for localhost or 127.0.0.1).",
    );
    expect(form.error("tokenUrl")).toBe("Give a full address, starting with https://.");
    expect(form.error("userinfoUrl")).toBeUndefined();
    expect(form.error("clientSecret")).toMatch(/type it once more/);
    expect(form.value("enabled")).toBe("on");
    expect(form.value("label")).toBe("Facebook (friends)");
    expect(form.value("authorizationUrl")).toBe("http://facebook.example/dialog");
    expect(form.value("tokenUrl")).toBe("not an address");
    expect(form.value("userinfoUrl")).toBe("http://localhost:8080/me");
    expect(form.value("clientSecret")).toBe("");
    expect((await loadProviderSettings(site.db, "facebook")).enabled).toBe(false);

    const mastodon = await parse(
      await post("/admin/settings/sign-in/mastodon", { enabled: "1", instance: "not a host!" }),
    );
    expect(mastodon.error("instance")).toBe(
      "Give the instance's host name, such as mastodon.social.",
    );
    expect(mastodon.value("instance")).toBe("not a host!");
    const emptyInstance = await parse(
      await post("/admin/settings/sign-in/mastodon", { enabled: "1", instance: "" }),
    );
    expect(emptyInstance.error("instance")).toBe("Give the instance to turn this on.");

    const oidc = await parse(
      await post("/admin/settings/sign-in/oidc", {
        enabled: "1",
        clientId: "c",
        discoveryUrl: "http://issuer.example/.well-known/openid-configuration",
      }),
    );
    expect(oidc.error("discoveryUrl")).toBe(
      "Use an https address (plain http only for localhost or 127.0.0.1).",
    );
    const noDiscovery = await parse(
      await post("/admin/settings/sign-in/oidc", { enabled: "1", clientId: "c" }),
    );
    expect(noDiscovery.error("discoveryUrl")).toBe(
      "Give the issuer's discovery address to turn this on.",
    );
    expect(noDiscovery.value("clientId")).toBe("c");
  });

  it("takes a Mastodon instance pasted as an address for its host name", async () => {
    const saved = await post("/admin/settings/sign-in/mastodon", {
      enabled: "1",
      instance: "https://Films.Example/",
    });
    expect(saved.status).toBe(303);
    expect((await loadProviderSettings(site.db, "mastodon")).instance).toBe("films.example");
    const { document } = await page("/admin/settings/sign-in/mastodon");
    expect(document.querySelector("#tokenUrl")?.getAttribute("placeholder")).toBe(
      "https://films.example/oauth/token",
    );
    await disableProvider(site.db, "mastodon");
  });

  it("keeps what was typed on an expired form, and saves nothing", async () => {
    const before = await loadProviderSettings(site.db, "wordpress");
    const response = await post(
      "/admin/settings/sign-in/wordpress",
      {
        enabled: "1",
        clientId: "typed-before-expiry",
        clientSecret: "expired-form-secret",
        authorizationUrl: "https://wp.example/authorize",
      },
      "not-the-token",
    );
    expect(response.status).toBe(403);
    const form = await parse(response);
    expect(form.html).toMatch(/This form expired/);
    expect(form.html).not.toContain("expired-form-secret");
    expect(form.value("clientId")).toBe("typed-before-expiry");
    expect(form.value("authorizationUrl")).toBe("https://wp.example/authorize");
    expect(form.value("enabled")).toBe("on");
    expect(form.error("clientSecret")).toMatch(/type it once more/);
    expect(await loadProviderSettings(site.db, "wordpress")).toEqual(before);
    // Turning off is a plain button: an expired one changes nothing and says so.
    await saveProvider(site.db, "x", { ...blankProviderSettings, enabled: true, clientId: "x-1" });
    const off = await post("/admin/settings/sign-in/x/disable", {}, "not-the-token");
    expect(off.status).toBe(403);
    expect((await loadProviderSettings(site.db, "x")).enabled).toBe(true);
  });

  it("never puts any stored secret into any of its pages", async () => {
    const secrets = new Map<ProviderKey, string>();
    for (const key of providerKeys) {
      if (key === "mastodon") continue;
      const value = `stored-secret-of-${key}-${dialect}`;
      secrets.set(key, value);
      await saveProvider(site.db, key, {
        ...blankProviderSettings,
        enabled: true,
        clientId: `id-${key}`,
        clientSecret: value,
        discoveryUrl:
          key === "oidc" ? "https://issuer.example/.well-known/openid-configuration" : "",
      });
    }
    const paths = [
      "/admin/settings",
      "/admin/settings/sign-in",
      ...providerKeys.map((k) => `/admin/settings/sign-in/${k}`),
    ];
    for (const path of paths) {
      const { html, response } = await page(path);
      expect(response.status, path).toBe(200);
      for (const value of secrets.values()) expect(html, path).not.toContain(value);
    }
    // A failed save of one provider shows none of them either.
    const failed = await post("/admin/settings/sign-in/github", { enabled: "1", clientId: "" });
    const html = await failed.text();
    for (const value of secrets.values()) expect(html).not.toContain(value);
  });
});

// What the owner set for each sign-in provider, kept in the settings table under
// `signin.KEY.*` keys. Like the SMTP settings (mail-settings.ts) they stay out of
// SiteSettings: those reach every page's renderer, and a client secret must reach nothing
// but the token request of issue 6.
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { inTransaction } from "../../db/transaction.ts";
import { recordChange } from "../changes.ts";
import { presets, providerKeys, type Preset, type ProviderKey } from "./presets.ts";
import { buttonLabel, clientId, clientSecret, instanceHost, providerUrl } from "./setting-rules.ts";

const settingsShape = z.object({
  enabled: z.boolean(),
  /** The name on the comment form's button; "" for the preset's own. */
  label: buttonLabel,
  clientId,
  clientSecret,
  /** Mastodon only. */
  instance: instanceHost,
  /** OpenID Connect only: the preset's own when "". */
  discoveryUrl: providerUrl,
  /** Overrides; "" keeps the preset's (or the discovered) endpoint. */
  authorizationUrl: providerUrl,
  tokenUrl: providerUrl,
  userinfoUrl: providerUrl,
});

export type ProviderSettings = z.infer<typeof settingsShape>;
type ProviderSettingsField = keyof ProviderSettings;

/**
 * The settings a provider needs before it can be offered, by the kind of its preset. One
 * schema per preset, built once: zod compiles a new schema on its first parse, and every
 * review page reads these settings (the comment form's buttons) — rebuilding it there took
 * a tenth of an uncached review page's CPU.
 */
export function providerSettingsSchema(preset: Preset) {
  let schema = schemas.get(preset);
  if (!schema) schemas.set(preset, (schema = buildSchema(preset)));
  return schema;
}

const schemas = new Map<Preset, ReturnType<typeof buildSchema>>();

function buildSchema(preset: Preset) {
  return settingsShape.superRefine((s, ctx) => {
    if (!s.enabled) return;
    const missing = (path: ProviderSettingsField, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (preset.kind === "mastodon") {
      if (s.instance === "") missing("instance", "Give the instance to turn this on.");
      return;
    }
    if (s.clientId === "") missing("clientId", "Give the client id to turn this on.");
    if (preset.kind === "oidc" && preset.discoveryUrl === null && s.discoveryUrl === "") {
      missing("discoveryUrl", "Give the issuer's discovery address to turn this on.");
    }
  });
}

/** A provider nobody has configured: off, with every field empty. */
export const blankProviderSettings: ProviderSettings = {
  enabled: false,
  label: "",
  clientId: "",
  clientSecret: "",
  instance: "",
  discoveryUrl: "",
  authorizationUrl: "",
  tokenUrl: "",
  userinfoUrl: "",
};

const fields = Object.keys(blankProviderSettings) as ProviderSettingsField[];
const prefix = "signin.";
const keyOf = (provider: ProviderKey, field: ProviderSettingsField) =>
  `${prefix}${provider}.${field}`;

/** Everything, the client secret included: for the sign-in itself, never for a page. */
async function loadAll(db: Db): Promise<Record<ProviderKey, ProviderSettings>> {
  const rows = await db.kysely
    .selectFrom("settings")
    .selectAll()
    .where("key", "like", `${prefix}%`)
    .execute();
  const raw = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const [provider, field] = row.key.slice(prefix.length).split(".");
    if (!provider || !field) continue;
    const values = raw.get(provider) ?? {};
    values[field] = field === "enabled" ? row.value === "1" : row.value;
    raw.set(provider, values);
  }
  const all = {} as Record<ProviderKey, ProviderSettings>;
  for (const key of providerKeys) {
    // A bad stored value leaves the provider off, never the comment form broken.
    const parsed = providerSettingsSchema(presets[key]).safeParse({
      ...blankProviderSettings,
      ...raw.get(key),
    });
    all[key] = parsed.success ? parsed.data : blankProviderSettings;
  }
  return all;
}

export async function loadProviderSettings(
  db: Db,
  provider: ProviderKey,
): Promise<ProviderSettings> {
  return (await loadAll(db))[provider];
}

/** A provider as the settings pages show it: whether a secret is stored, never the secret. */
export interface ProviderSummary {
  key: ProviderKey;
  preset: Preset;
  /** The owner's label, or the preset's. */
  label: string;
  enabled: boolean;
  hasSecret: boolean;
  settings: Omit<ProviderSettings, "clientSecret">;
}

function summaryOf(key: ProviderKey, stored: ProviderSettings): ProviderSummary {
  const { clientSecret: secret, ...settings } = stored;
  return {
    key,
    preset: presets[key],
    label: stored.label || presets[key].label,
    enabled: stored.enabled,
    hasSecret: secret !== "",
    settings,
  };
}

/** Every preset with what the owner set for it, in the presets' order. */
export async function listProviders(db: Db): Promise<ProviderSummary[]> {
  const all = await loadAll(db);
  return providerKeys.map((key) => summaryOf(key, all[key]));
}

export async function providerSummary(db: Db, provider: ProviderKey): Promise<ProviderSummary> {
  return summaryOf(provider, await loadProviderSettings(db, provider));
}

/** What the comment form offers: the enabled providers' buttons, and nothing secret. */
export async function enabledProviders(db: Db): Promise<{ key: ProviderKey; label: string }[]> {
  return (await listProviders(db))
    .filter((p) => p.enabled)
    .map(({ key, label }) => ({ key, label }));
}

/** Stores a provider's settings whole; they are checked again here, as at every edge. */
export async function saveProvider(
  db: Db,
  provider: ProviderKey,
  settings: ProviderSettings,
): Promise<void> {
  const valid = providerSettingsSchema(presets[provider]).parse(settings);
  await inTransaction(db, async (trx) => {
    for (const field of fields) {
      const value = field === "enabled" ? (valid.enabled ? "1" : "0") : valid[field];
      await trx.kysely
        .insertInto("settings")
        .values({ key: keyOf(provider, field), value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    }
    // The comment form on every review page shows the enabled providers.
    await recordChange(trx, ["site"]);
  });
}

/** Takes a provider off the comment form, keeping its settings for when it comes back. */
export async function disableProvider(db: Db, provider: ProviderKey): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.kysely
      .insertInto("settings")
      .values({ key: keyOf(provider, "enabled"), value: "0" })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: "0" }))
      .execute();
    await recordChange(trx, ["site"]);
  });
}

/** The address the owner registers at the provider; issue 6's callback route answers it. */
export function redirectUriFor(siteUrl: string, provider: ProviderKey): string {
  return `${siteUrl.replace(/\/+$/, "")}/auth/${provider}/callback`;
}

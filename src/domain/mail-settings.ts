// The owner's SMTP settings, kept in the settings table under `mail.*` keys. They are not
// part of SiteSettings on purpose: those reach every page's renderer, and the password must
// reach nothing but the mail transport.
import { z } from "zod";
import { recordChange } from "./changes.ts";
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";

export const mailSecurities = ["none", "starttls", "tls"] as const;
export type MailSecurity = (typeof mailSecurities)[number];

/** The usual port for each kind of connection, used when the owner leaves it blank. */
export const defaultPorts: Record<MailSecurity, number> = { none: 25, starttls: 587, tls: 465 };

// No line breaks or other control characters anywhere: these end up in mail headers.
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .refine((v) => !/\p{Cc}/u.test(v), "Use a single line of plain text.");

export const mailSettingsSchema = z.object({
  host: oneLine(253),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(mailSecurities),
  user: oneLine(320),
  password: z
    .string()
    .max(1000)
    .refine((v) => !/[\r\n]/.test(v), "A password cannot contain a line break."),
  fromName: oneLine(100),
  fromAddress: z.union([z.literal(""), z.email("Give an e-mail address.").max(320)]),
});

export type MailSettings = z.infer<typeof mailSettingsSchema>;

const blank: MailSettings = {
  host: "",
  port: defaultPorts.starttls,
  security: "starttls",
  user: "",
  password: "",
  fromName: "",
  fromAddress: "",
};

const keys = Object.keys(blank) as (keyof MailSettings)[];
const prefix = "mail.smtp.";

export async function loadMailSettings(db: Db): Promise<MailSettings> {
  const rows = await db.kysely
    .selectFrom("settings")
    .selectAll()
    .where(
      "key",
      "in",
      keys.map((k) => prefix + k),
    )
    .execute();
  const raw: Record<string, string> = {};
  for (const row of rows) raw[row.key.slice(prefix.length)] = row.value;
  // A bad stored value is treated as mail not set up, never as a crash of the sender.
  const parsed = mailSettingsSchema.safeParse({ ...blank, ...raw });
  return parsed.success ? parsed.data : blank;
}

/** Mail can be sent only with a server and a sender address. */
export function mailConfigured(settings: MailSettings): boolean {
  return settings.host !== "" && settings.fromAddress !== "";
}

/** Whether mail can go out now: the comment form offers "notify me" only then. */
export async function mailIsSetUp(db: Db): Promise<boolean> {
  return mailConfigured(await loadMailSettings(db));
}

export async function saveMailSettings(db: Db, settings: MailSettings): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Every comment form offers "notify me" or not by these settings: cached pages must go.
    await recordChange(trx, ["site"]);
    for (const key of keys) {
      const value = String(settings[key]);
      await trx.kysely
        .insertInto("settings")
        .values({ key: prefix + key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    }
  });
}

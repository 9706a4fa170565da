// /admin/settings/mail: the owner's SMTP settings and a test message. Owner only
// (manage_settings), like the other settings.
import type { Hono } from "hono";
import { z } from "zod";
import { outboxSummary } from "../../domain/mail-outbox.ts";
import {
  defaultPorts,
  loadMailSettings,
  mailConfigured,
  mailSecurities,
  mailSettingsSchema,
  saveMailSettings,
  type MailSettings,
} from "../../domain/mail-settings.ts";
import { loadSettings } from "../../domain/settings.ts";
import { createMailTransport, describeMailError } from "../../mail/transport.ts";
import { signedInUser, type AdminEnv } from "../auth/session.ts";
import type { Services } from "../services.ts";
import { currentCsrfToken, field, renderAdmin, type AdminContext } from "./admin-page.ts";
import { fieldErrors } from "./form-errors.ts";
import {
  MailSettingsPage,
  type MailSettingsErrors,
  type MailSettingsValues,
} from "./views/mail-settings-page.tsx";
import { adminRoute } from "../route-facts.ts";

const formSchema = z
  .object({
    host: mailSettingsSchema.shape.host,
    security: z.enum(mailSecurities, "Choose how to connect."),
    port: z
      .string()
      .trim()
      .regex(/^\d{0,5}$/, "Give a port number, such as 587.")
      .refine(
        (v) => v === "" || (Number(v) >= 1 && Number(v) <= 65535),
        "Ports go from 1 to 65535.",
      ),
    user: mailSettingsSchema.shape.user,
    password: mailSettingsSchema.shape.password,
    fromName: mailSettingsSchema.shape.fromName,
    fromAddress: z
      .string()
      .trim()
      .pipe(z.union([z.literal(""), z.email("Give an e-mail address.").max(320)])),
  })
  .refine((v) => v.host === "" || v.fromAddress !== "", {
    path: ["fromAddress"],
    message: "Give the address mail is sent from.",
  });

const testSchema = z.email("Give an e-mail address to send the test to.").max(320);

function valuesOf(settings: MailSettings): MailSettingsValues {
  return {
    host: settings.host,
    port: String(settings.port),
    security: settings.security,
    user: settings.user,
    fromName: settings.fromName,
    fromAddress: settings.fromAddress,
    forgetPassword: false,
  };
}

export function registerMailSettingsRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const { db } = services;

  const show = async (
    c: AdminContext,
    options: {
      values?: MailSettingsValues;
      errors?: MailSettingsErrors;
      testTo?: string;
      testError?: string;
      notice?: string;
      problem?: string;
      status?: 200 | 400 | 403 | 502;
    } = {},
  ) => {
    const stored = await loadMailSettings(db);
    return renderAdmin(
      c,
      services,
      { title: "Mail", status: options.status ?? 200 },
      <MailSettingsPage
        values={options.values ?? valuesOf(stored)}
        errors={options.errors ?? {}}
        hasPassword={stored.password !== ""}
        configured={mailConfigured(stored)}
        outbox={await outboxSummary(db)}
        testTo={options.testTo ?? signedInUser(c).user.email}
        testError={options.testError}
        notice={options.notice}
        problem={options.problem}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  };

  admin.get("/settings/mail", adminRoute({ capability: "manage_settings" }), (c) =>
    show(c, { ...(c.req.query("saved") ? { notice: "Mail settings saved." } : {}) }),
  );

  admin.post(
    "/settings/mail",
    adminRoute({ capability: "manage_settings" }, { keepInput: true }),
    async (c) => {
      const body = await c.req.parseBody();
      const values: MailSettingsValues = {
        host: field(body, "host"),
        port: field(body, "port"),
        security: field(body, "security"),
        user: field(body, "user"),
        fromName: field(body, "fromName"),
        fromAddress: field(body, "fromAddress"),
        forgetPassword: field(body, "forgetPassword") !== "",
      };
      const typedPassword = field(body, "password");
      if (!c.get("csrfValid")) {
        const errors: MailSettingsErrors = typedPassword
          ? { password: "For safety the password is not shown again: type it once more." }
          : {};
        return show(c, {
          values,
          errors,
          status: 403,
          problem:
            "This form expired, so nothing was saved. What you typed is below: save it again.",
        });
      }
      const parsed = formSchema.safeParse({ ...values, password: typedPassword });
      if (!parsed.success) {
        const errors: MailSettingsErrors = fieldErrors(parsed.error);
        // A typed password is not sent back into the page either.
        if (typedPassword && !errors.password) {
          errors.password = "For safety the password is not shown again: type it once more.";
        }
        return show(c, { values, errors, status: 400, problem: "The settings were not saved." });
      }
      const form = parsed.data;
      const stored = await loadMailSettings(db);
      await saveMailSettings(db, {
        host: form.host,
        security: form.security,
        port: form.port === "" ? defaultPorts[form.security] : Number(form.port),
        user: form.user,
        password:
          form.password !== "" ? form.password : values.forgetPassword ? "" : stored.password,
        fromName: form.fromName,
        fromAddress: form.fromAddress,
      });
      return c.redirect("/admin/settings/mail?saved=1", 303);
    },
  );

  admin.post("/settings/mail/test", adminRoute({ capability: "manage_settings" }), async (c) => {
    const body = await c.req.parseBody();
    const to = field(body, "to").trim();
    const parsed = testSchema.safeParse(to);
    if (!parsed.success) {
      return show(c, { testTo: to, testError: parsed.error.issues[0]!.message, status: 400 });
    }
    const settings = await loadMailSettings(db);
    if (!mailConfigured(settings)) {
      return show(c, {
        testTo: to,
        status: 400,
        problem: "Mail is not set up yet: give a server and a From address, and save them first.",
      });
    }
    const { siteTitle } = await loadSettings(db);
    const transport = createMailTransport(settings);
    try {
      await transport.send({
        to: parsed.data,
        subject: `Test message from ${siteTitle}`,
        text: `This is a test message from ${siteTitle}. If you can read it, mail works.\n`,
        html: "<!doctype html><p>This is a test message. If you can read it, mail works.</p>",
      });
    } catch (error) {
      return show(c, {
        testTo: to,
        status: 502,
        problem: `The test message could not be sent: ${describeMailError(error)}`,
      });
    } finally {
      transport.close();
    }
    return show(c, {
      testTo: to,
      notice: `Test message sent to ${parsed.data} through ${settings.host}:${settings.port}.`,
    });
  });
}

// Moving the blog's fediverse account elsewhere, from the owner's fediverse page: a form for
// the new address, then a confirmation page (a Move cannot be taken back from here: followers'
// servers follow the new account at once), then the Move (src/federation/move.ts).
import type { Hono } from "hono";
import type { AdminEnv } from "../auth/session.ts";
import { adminRoute } from "../route-facts.ts";
import type { Services } from "../services.ts";
import {
  currentCsrfToken,
  field,
  formExpired,
  renderAdmin,
  type AdminContext,
} from "./admin-page.ts";
import { loadSettings } from "../../domain/settings.ts";
import {
  MoveConfirmPage,
  MoveFormPage,
  UndoMoveConfirmPage,
} from "./views/fediverse-move-page.tsx";

const movePath = "/fediverse/move";

export function registerFediverseMoveRoutes(admin: Hono<AdminEnv>, services: Services): void {
  const ownerOnly = () => adminRoute({ capability: "manage_settings" }, { keepInput: true });

  const showForm = async (c: AdminContext, address: string, problem?: string, status = 200) =>
    renderAdmin(
      c,
      services,
      { title: "Move the blog's account", status: status as 200 },
      <MoveFormPage
        address={address}
        problem={problem}
        csrf={await currentCsrfToken(c, services)}
      />,
    );

  admin.get(movePath, ownerOnly(), (c) => showForm(c, ""));

  admin.post(movePath, ownerOnly(), async (c) => {
    const body = await c.req.parseBody();
    const address = field(body, "address");
    if (!c.get("csrfValid")) {
      return showForm(c, address, "This form expired, so nothing was done. Send it again.", 403);
    }
    if (!services.loadFederation) {
      return showForm(c, address, "Federation is not running here.", 400);
    }
    // Fedify is loaded only when the fediverse needs it (src/federation/federation-loader.ts).
    const blog = await services.loadFederation();
    const { checkMoveTarget, moveActor } = await import("../../federation/move.ts");
    const check = await checkMoveTarget(blog, address);
    if (!check.ok) return showForm(c, address, check.problem, 400);
    if (field(body, "confirm") !== "yes") {
      return renderAdmin(
        c,
        services,
        { title: "Move the blog's account?" },
        <MoveConfirmPage
          address={address}
          target={check.label}
          csrf={await currentCsrfToken(c, services)}
        />,
      );
    }
    await moveActor(blog, check.target, services.config.siteUrl);
    return c.redirect("/admin/fediverse?done=moved", 303);
  });

  const undoPath = `${movePath}/undo`;

  admin.get(undoPath, ownerOnly(), async (c) => {
    const { federationMovedTo } = await loadSettings(services.db);
    return renderAdmin(
      c,
      services,
      { title: "Undo the move?" },
      <UndoMoveConfirmPage
        // "" when nothing moved: the page says there is nothing to undo.
        movedTo={federationMovedTo}
        csrf={await currentCsrfToken(c, services)}
      />,
    );
  });

  admin.post(undoPath, ownerOnly(), async (c) => {
    if (!c.get("csrfValid")) return formExpired(c, services);
    const body = await c.req.parseBody();
    const { federationMovedTo } = await loadSettings(services.db);
    // Without the confirmation (or with nothing to undo) the question is asked again.
    if (!federationMovedTo || field(body, "confirm") !== "yes" || !services.loadFederation) {
      return c.redirect(federationMovedTo ? `/admin${undoPath}` : "/admin/fediverse", 303);
    }
    const blog = await services.loadFederation();
    const { undoMove } = await import("../../federation/move.ts");
    await undoMove(blog, services.config.siteUrl);
    return c.redirect("/admin/fediverse?done=unmoved", 303);
  });
}

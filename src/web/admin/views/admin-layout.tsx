// The admin's own page shell: the site stylesheet plus admin.css, a navigation that shows
// only what the signed-in role may use, and a sign-out button (a form: it changes state).
import type { Child } from "hono/jsx";
import { favicon } from "../../assets/assets.ts";
import type { User } from "../../../db/schema.ts";
import { can, scopeOf } from "../../../domain/roles.ts";
import { CsrfField } from "./form-fields.tsx";

interface AdminPageInfo {
  siteTitle: string;
  stylesheets: string[];
  title: string;
  /** Absent on the sign-in and setup pages. */
  user?: Pick<User, "id" | "role" | "display_name">;
  csrf?: string;
  /** Extra elements for the head (a page that refreshes itself while a job runs). */
  head?: Child;
}

export function AdminLayout(props: AdminPageInfo & { children?: Child }) {
  const { user } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} – ${props.siteTitle} admin`}</title>
        <link rel="icon" href={favicon.path} type="image/svg+xml" />
        {props.stylesheets.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <p class="site-title">
            <a href={user ? "/admin" : "/"}>{props.siteTitle}</a>
          </p>
          {user ? (
            <nav aria-label="Admin">
              <ul>
                <li>
                  <a href="/admin/reviews">Reviews</a>
                </li>
                <li>
                  <a href="/admin/reviews/new">Write a review</a>
                </li>
                {scopeOf(user, "moderate_comments") ? (
                  <li>
                    <a href="/admin/comments">Comments</a>
                  </li>
                ) : null}
                {can(user, "manage_series") ? (
                  <li>
                    <a href="/admin/series">Series</a>
                  </li>
                ) : null}
                {can(user, "manage_posts") ? (
                  <li>
                    <a href="/admin/posts">Posts and pages</a>
                  </li>
                ) : null}
                {can(user, "manage_settings") ? (
                  <li>
                    <a href="/admin/settings">Settings</a>
                  </li>
                ) : null}
                {can(user, "manage_users") ? (
                  <li>
                    <a href="/admin/users">Accounts</a>
                  </li>
                ) : null}
                {can(user, "run_imports") ? (
                  <li>
                    <a href="/admin/imports">Imports</a>
                  </li>
                ) : null}
                <li>
                  <a href="/admin/account">Your account</a>
                </li>
                <li>
                  <a href="/">View site</a>
                </li>
                <li>
                  <form method="post" action="/admin/sign-out">
                    <CsrfField token={props.csrf ?? ""} />
                    <button type="submit" class="link-button">
                      Sign out ({user.display_name})
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="admin-main">
          {props.children}
        </main>
      </body>
    </html>
  );
}

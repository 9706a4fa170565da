// The names of the cookies that mark a personal request. They live apart from the code that sets
// them because the page cache must read them too (a holder of any of them never gets a shared
// page), and the cache sits below the routes and sessions that set them.

/** Cookie of a signed-in writer: they always get a fresh page, never a cached one. */
export const sessionCookieName = "cinelog_session";

/** The "save my name, email, and website" cookie: its holder gets a pre-filled form. */
export const commenterCookieName = "cinelog_commenter";

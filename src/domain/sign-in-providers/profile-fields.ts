// How a provider's profile response becomes a commenter's name, avatar, profile address and
// e-mail. Each item lists ways to read it, tried in order until one gives a non-empty string:
// a dotted path into the JSON ("picture.data.url"), or a template that builds the value from
// paths ("https://x.com/{data.username}") for providers that give a handle but no address.
export const profileItems = ["name", "avatar", "profileUrl", "email"] as const;
type ProfileItem = (typeof profileItems)[number];
export type ProfileMap = Record<ProfileItem, string[]>;

const pathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const placeholder = /\{([^{}]*)\}/g;

/** A way of reading is a dotted path, or a template whose every {…} is a dotted path. */
export function isWellFormedReading(reading: string): boolean {
  if (!reading.includes("{")) return pathPattern.test(reading);
  const parts = [...reading.matchAll(placeholder)].map((m) => m[1]!);
  const rest = reading.replace(placeholder, "");
  return parts.length > 0 && parts.every((p) => pathPattern.test(p)) && !/[{}]/.test(rest);
}

function valueAt(profile: unknown, path: string): string {
  let value: unknown = profile;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "";
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" || typeof value === "number" ? String(value).trim() : "";
}

function read(profile: unknown, reading: string): string {
  if (!reading.includes("{")) return valueAt(profile, reading);
  let missing = false;
  const built = reading.replace(placeholder, (_, path: string) => {
    const value = valueAt(profile, path);
    if (!value) missing = true;
    return encodeURIComponent(value);
  });
  return missing ? "" : built;
}

/** The first non-empty value the readings find; "" when none does. */
export function readProfileItem(profile: unknown, readings: readonly string[]): string {
  for (const reading of readings) {
    const value = read(profile, reading);
    if (value) return value;
  }
  return "";
}

export function readProfile(profile: unknown, map: ProfileMap): Record<ProfileItem, string> {
  return {
    name: readProfileItem(profile, map.name),
    avatar: readProfileItem(profile, map.avatar),
    profileUrl: readProfileItem(profile, map.profileUrl),
    email: readProfileItem(profile, map.email),
  };
}

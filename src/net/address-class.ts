// Which IP addresses a request to another site may reach. Outgoing fetches (commenter avatars,
// Webmentions) take addresses from strangers; without this guard such a URL could point the
// server at itself, its private network or a cloud metadata service. The rules work on the
// address's bytes, so every spelling of one address (IPv4-mapped IPv6, NAT64, 6to4) is
// judged as the address it reaches.
import { isIPv4, isIPv6 } from "node:net";

type AddressVerdict =
  { ok: true; loopback: boolean } | { ok: false; reason: string; loopback: boolean };

/** IPv4 ranges no outgoing request may reach: [first octets, prefix length, why]. */
const closedV4: [number[], number, string][] = [
  [[0], 8, "this-network address"],
  [[10], 8, "private address"],
  [[100, 64], 10, "carrier-grade NAT address"],
  [[127], 8, "loopback address"],
  [[169, 254], 16, "link-local address (cloud metadata lives here)"],
  [[172, 16], 12, "private address"],
  [[192, 0, 0], 24, "protocol assignment address"],
  [[192, 0, 2], 24, "documentation address"],
  [[192, 88, 99], 24, "6to4 relay address"],
  [[192, 168], 16, "private address"],
  [[198, 18], 15, "benchmarking address"],
  [[198, 51, 100], 24, "documentation address"],
  [[203, 0, 113], 24, "documentation address"],
  [[224], 4, "multicast address"],
  [[240], 4, "reserved or broadcast address"],
];

/** IPv6 ranges, as leading bytes and prefix length. */
const closedV6: [number[], number, string][] = [
  [[0x01, 0x00], 64, "discard-only address"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "documentation address"],
  [[0x20, 0x01, 0x00, 0x00], 32, "Teredo address"],
  [[0xfc], 7, "unique-local address"],
  [[0xfe, 0x80], 10, "link-local address"],
  [[0xfe, 0xc0], 10, "site-local address"],
  [[0xff], 8, "multicast address"],
];

function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = Math.floor(bit / 8);
    const mask = 0x80 >> (bit % 8);
    if ((bytes[byte]! & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(text: string): number[] {
  return text.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (already checked with isIPv6), zone id dropped. */
export function v6Bytes(text: string): number[] {
  const bare = text.split("%")[0]!.toLowerCase();
  let head = bare;
  let tail: number[] = [];
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) is its last four bytes.
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted) {
    tail = v4Bytes(dotted[1]!);
    head = bare.slice(0, bare.length - dotted[1]!.length);
    // "::" before the IPv4 part stays whole; a single ":" is only its separator.
    if (!head.endsWith("::")) head = head.slice(0, -1);
  }
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const leftGroups = groups(left ?? "");
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - tail.length / 2 - leftGroups.length - rightGroups.length;
  const all = [
    ...leftGroups,
    ...Array<string>(right === undefined ? 0 : missing).fill("0"),
    ...rightGroups,
  ];
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  return [...bytes, ...tail];
}

function judgeV4(bytes: number[]): AddressVerdict {
  const loopback = bytes[0] === 127;
  for (const [prefix, bits, why] of closedV4) {
    if (inPrefix(bytes, prefix, bits)) return { ok: false, reason: why, loopback };
  }
  return { ok: true, loopback: false };
}

function judgeV6(bytes: number[]): AddressVerdict {
  const zeros = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  if (zeros(15) && bytes[15] === 1)
    return { ok: false, reason: "loopback address", loopback: true };
  if (zeros(16)) return { ok: false, reason: "unspecified address", loopback: false };
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the old "compatible" form) reach a.b.c.d.
  if (zeros(10) && bytes[10] === 0xff && bytes[11] === 0xff) return judgeV4(bytes.slice(12));
  if (zeros(12)) return judgeV4(bytes.slice(12));
  // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48) and 6to4 (2002::/16) embed IPv4.
  if (inPrefix(bytes, [0x00, 0x64, 0xff, 0x9b], 96)) return judgeV4(bytes.slice(12));
  if (inPrefix(bytes, [0x00, 0x64, 0xff, 0x9b], 32)) {
    return { ok: false, reason: "local-use NAT64 address", loopback: false };
  }
  if (inPrefix(bytes, [0x20, 0x02], 16)) return judgeV4(bytes.slice(2, 6));
  for (const [prefix, bits, why] of closedV6) {
    if (inPrefix(bytes, prefix, bits)) return { ok: false, reason: why, loopback: false };
  }
  return { ok: true, loopback: false };
}

/** Whether an outgoing request may connect to this IP address (anything else is refused). */
export function judgeAddress(address: string): AddressVerdict {
  if (isIPv4(address)) return judgeV4(v4Bytes(address));
  if (isIPv6(address)) return judgeV6(v6Bytes(address));
  return { ok: false, reason: "not an IP address", loopback: false };
}

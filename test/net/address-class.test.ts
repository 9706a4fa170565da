// The private-address guard's judge: known ranges by name, and properties over random
// addresses — every spelling of an IPv4 address inside IPv6 is judged as that address.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeAddress, v6Bytes } from "../../src/net/address-class.ts";

const refused = [
  "127.0.0.1",
  "127.255.255.254",
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.1",
  "169.254.169.254",
  "100.64.0.1",
  "0.0.0.0",
  "224.0.0.1",
  "255.255.255.255",
  "::1",
  "::",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "::ffff:169.254.169.254",
  "::127.0.0.1",
  "64:ff9b::a00:1",
  "2002:c0a8:101::1",
  "fc00::1",
  "fd00:ec2::254",
  "fe80::1%eth0",
  "fec0::1",
  "ff02::1",
  "2001:db8::1",
  "localhost",
  "2130706433",
  "0x7f.1",
];
const open = ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"];

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet);
const dotted = (o: number[]) => o.join(".");
const hexPair = (o: number[]) =>
  `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;

describe("judgeAddress", () => {
  it.each(refused)("refuses %s", (address) => {
    expect(judgeAddress(address).ok).toBe(false);
  });

  it.each(open)("allows %s", (address) => {
    expect(judgeAddress(address).ok).toBe(true);
  });

  it("marks loopback so the test switch can let only it through", () => {
    expect(judgeAddress("127.0.0.1").loopback).toBe(true);
    expect(judgeAddress("::1").loopback).toBe(true);
    expect(judgeAddress("::ffff:127.0.0.2").loopback).toBe(true);
    expect(judgeAddress("10.0.0.1").loopback).toBe(false);
  });

  it("judges an IPv4 address the same in every IPv6 spelling", () => {
    fc.assert(
      fc.property(v4, (o) => {
        const plain = judgeAddress(dotted(o)).ok;
        expect(judgeAddress(`::ffff:${dotted(o)}`).ok).toBe(plain);
        expect(judgeAddress(`::ffff:${hexPair(o)}`).ok).toBe(plain);
        expect(judgeAddress(`0:0:0:0:0:ffff:${hexPair(o)}`).ok).toBe(plain);
        expect(judgeAddress(`64:ff9b::${hexPair(o)}`).ok).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });

  it("never lets through 10/8, 127/8, 169.254/16, 192.168/16 or 172.16/12", () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
    );
    fc.assert(
      fc.property(privateV4, (o) => {
        expect(judgeAddress(dotted(o)).ok).toBe(false);
      }),
    );
  });

  it("never lets through unique-local, link-local or multicast IPv6", () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    const rest = fc.array(group, { minLength: 7, maxLength: 7 });
    const closedFirst = fc.oneof(
      fc.integer({ min: 0xfc00, max: 0xfdff }),
      fc.integer({ min: 0xfe80, max: 0xfebf }),
      fc.integer({ min: 0xff00, max: 0xffff }),
    );
    fc.assert(
      fc.property(closedFirst, rest, (first, others) => {
        const text = [first, ...others].map((g) => g.toString(16)).join(":");
        expect(judgeAddress(text).ok).toBe(false);
      }),
    );
  });

  it("reads any IPv6 text into the same 16 bytes however it is shortened", () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((g) => g.toString(16)).join(":");
        const expected = groups.flatMap((g) => [g >> 8, g & 0xff]);
        expect(v6Bytes(full)).toEqual(expected);
        // The URL parser writes the shortest form; it must read back the same.
        const short = new URL(`http://[${full}]/`).hostname.slice(1, -1);
        expect(v6Bytes(short)).toEqual(expected);
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof judgeAddress(text).ok).toBe("boolean");
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { chainHash } from "../../../src/netsim/sha256";
import { base32, sha256Hex } from "../../../src/util/hash";

describe("sha256 and kube-proxy chain hashes", () => {
  it("matches the FIPS test vectors", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("base32 follows RFC 4648", () => {
    expect(base32(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI======");
  });

  it("reproduces the chain names every real cluster has", () => {
    expect(chainHash("default/kubernetes:httpstcp")).toBe("NPX46M4PTMTKRN6Y");
    expect(chainHash("kube-system/kube-dns:dnsudp")).toBe("TCOU7JCQXEZGVUNU");
    expect(chainHash("kube-system/kube-dns:dns-tcptcp")).toBe("ERIFXISQEP7F7OF4");
    expect(chainHash("kube-system/kube-dns:metricstcp")).toBe("JD5MR3NA4I4DYORP");
  });
});

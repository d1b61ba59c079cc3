// SPDX-License-Identifier: Apache-2.0

import Testing
import Workflow

struct AccessCodeAndSecretTests {
    static let sample = "777bea0e13cc9c42ceec14aec3ddee2263325dc2c6c699db115f58fe423607ea"

    @Test("an AccessCode round-trips through its 64 hex digits")
    func accessCodeRoundTrip() throws {
        let code = try AccessCode(Self.sample)
        #expect(code.hexadecimal == Self.sample)
        #expect(code == (try AccessCode(Self.sample)))
    }

    @Test("a Secret round-trips through its 64 hex digits")
    func secretRoundTrip() throws {
        let secret = try Secret(Self.sample)
        #expect(secret.hexadecimal == Self.sample)
        #expect(secret == (try Secret(Self.sample)))
    }

    @Test(
        "A_19021-02: only 64 lower-case hex digits are accepted",
        arguments: [
            "", String(sample.dropLast()), sample + "0", sample.uppercased(), "g" + String(sample.dropFirst()),
            " " + String(sample.dropFirst()), String(repeating: "é", count: 32),
        ]
    )
    func malformedRefused(text: String) {
        #expect(throws: WorkflowError(.accessCodeMismatch)) { try AccessCode(text) }
        #expect(throws: WorkflowError(.secretMismatch)) { try Secret(text) }
    }

    @Test("values that differ in any single byte are unequal")
    func singleByteDifference() throws {
        let base = try AccessCode(Self.sample)
        let digits = Array(Self.sample)
        for index in digits.indices {
            var changed = digits
            changed[index] = changed[index] == "0" ? "1" : "0"
            #expect(try AccessCode(String(changed)) != base)
            #expect(try Secret(String(changed)) != (try Secret(Self.sample)))
        }
    }

    @Test("random values are 64 lower-case hex digits and differ")
    func randomValues() {
        var seen: Set<String> = []
        for _ in 0..<100 {
            let code = AccessCode.random()
            let secret = Secret.random()
            #expect(code.hexadecimal.count == 64)
            #expect(code.hexadecimal.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(secret.hexadecimal.count == 64)
            seen.insert(code.hexadecimal)
            seen.insert(secret.hexadecimal)
        }
        #expect(seen.count == 200)
    }

    @Test("a seeded generator gives reproducible values that parse back")
    func seededGenerator() throws {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let a = AccessCode.random(using: &first)
        let b = AccessCode.random(using: &second)
        #expect(a == b)
        #expect(try AccessCode(a.hexadecimal) == a)
        #expect(try Secret(Secret.random(using: &first).hexadecimal).hexadecimal.count == 64)
    }

    @Test("description, debugDescription, interpolation and dump never show the value")
    func redaction() throws {
        let code = try AccessCode(Self.sample)
        let secret = try Secret(Self.sample)
        var dumped = ""
        dump(code, to: &dumped)
        dump(secret, to: &dumped)
        let renderings = [
            code.description, code.debugDescription, "\(code)", String(describing: code), String(reflecting: code),
            secret.description, secret.debugDescription, "\(secret)", String(describing: secret), String(reflecting: secret),
            dumped, "\([code])", "\([secret])",
        ]
        for rendering in renderings {
            #expect(!rendering.contains(Self.sample))
            #expect(!rendering.contains("777bea"))
        }
        #expect(code.description == "AccessCode(redacted)")
        #expect(secret.debugDescription == "Secret(redacted)")
    }
}

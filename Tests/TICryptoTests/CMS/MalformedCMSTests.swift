// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Broken input never crashes and always fails with `invalidCMS` or `unsupportedCMS`.
struct MalformedCMSTests {
    static let cmsCodes: Set<TICryptoError.Code> = [.invalidCMS, .unsupportedCMS]

    /// Parses and, when that succeeds, verifies; returns the error code of a failed parse.
    static func attempt(_ bytes: [UInt8]) -> TICryptoError.Code? {
        do {
            let signed = try CMSSignedData(derEncoded: bytes)
            _ = signed.verifySignature()
            return nil
        } catch {
            return error.code
        }
    }

    @Test("truncation at many lengths, DER and streamed BER", arguments: SignedExamples.Connector.allCases)
    func truncated(connector: SignedExamples.Connector) throws {
        let raw = try SignedExamples.connector(connector)
        var lengths = Array(0..<64) + Array(stride(from: 64, to: raw.count, by: 97)) + Array((raw.count - 64)..<raw.count)
        lengths = Array(Set(lengths)).sorted()
        for length in lengths {
            let code = Self.attempt(Array(raw.prefix(length)))
            #expect(code.map { Self.cmsCodes.contains($0) } ?? false, "length \(length) gave \(String(describing: code))")
        }
    }

    @Test("random bytes and random DER-looking headers")
    func random() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        for round in 0..<500 {
            let count = Int(generator.next() % 2_000)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round.isMultiple(of: 2), bytes.count > 4 { bytes[0] = 0x30 }
            let code = Self.attempt(bytes)
            #expect(code.map { Self.cmsCodes.contains($0) } ?? false, "round \(round)")
        }
    }

    @Test("2 000 mutations of real files: never a crash; a mutation that still parses never verifies unless it is benign")
    func mutations() throws {
        var generator = SplitMix64(seed: 42)
        let samples =
            try SignedExamples.Connector.allCases.map { try SignedExamples.connector($0) }
            + [try SignedExamples.base64("signed/ReceiptSignature.base64")]
        var parsed = 0
        for round in 0..<2_000 {
            var bytes = samples[round % samples.count]
            let flips = 1 + Int(generator.next() % 4)
            for _ in 0..<flips {
                let offset = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[offset] ^= UInt8(truncatingIfNeeded: 1 << (generator.next() % 8))
                case 1: bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
                default: bytes.remove(at: offset)
                }
            }
            if let code = Self.attempt(bytes) {
                #expect(Self.cmsCodes.contains(code), "round \(round): \(code)")
            } else {
                parsed += 1
            }
        }
        #expect(parsed > 0, "some mutations (for example in certificate bodies) must still parse")
    }

    @Test("huge and overlong length fields")
    func hugeLengths() {
        let cases: [[UInt8]] = [
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x06, 0x09],
            [0x30, 0x88, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x06],
            [0x30, 0x80, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            [0x30, 0x8F] + [UInt8](repeating: 0xFF, count: 15),
            [0x30, 0x80] + [UInt8](repeating: 0x30, count: 4_000).flatMap { [$0, 0x80] },
            [0x04, 0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            [],
            [0x00, 0x00],
        ]
        for (index, bytes) in cases.enumerated() {
            let code = Self.attempt(bytes)
            #expect(code.map { Self.cmsCodes.contains($0) } ?? false, "case \(index)")
        }
    }

    @Test("trailing bytes and non-SignedData are refused")
    func structure() throws {
        let raw = try SignedExamples.connector(.secunet)
        #expect(throws: TICryptoError(.invalidCMS)) { try CMSSignedData(derEncoded: raw + [0x00]) }
        // ContentInfo { id-data, [0] OCTET STRING "x" }
        let data: [UInt8] = [0x30, 0x12, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x05, 0x04, 0x03, 0x78, 0x78, 0x78]
        #expect(throws: TICryptoError(.unsupportedCMS)) { try CMSSignedData(derEncoded: data) }
    }
}

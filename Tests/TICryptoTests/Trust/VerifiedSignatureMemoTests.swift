// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Signature checks are remembered only for what verified, and only for exactly the same bytes and key.
struct VerifiedSignatureMemoTests {
    static let now = Date(timeIntervalSince1970: 1_795_249_800)

    @Test("a response verified once verifies again; a changed signature, changed data or another key still fail after it")
    func noFalsePositives() throws {
        let pki = try SeededPKI.get()
        let responder = try pki.identity(named: "ocsp").certificate
        let doctor = try pki.identity(named: "doctor-a").certificate
        let response = try #require(pki.ocspResponse(for: doctor, now: Self.now))
        let basic = try #require(response.basicResponse)
        #expect(basic.isSignature(by: responder))
        #expect(basic.isSignature(by: responder))
        #expect(!basic.isSignature(by: doctor))
        #expect(!basic.isSignature(by: doctor))

        // The same response with one signature byte changed, and with one byte of the signed data changed.
        let der = response.derEncoded
        let signatureAt = try #require(Self.range(of: basic.signature, in: der)).upperBound - 1
        var badSignature = der
        badSignature[signatureAt] ^= 0x01
        var badData = der
        let dataAt = try #require(Self.range(of: basic.tbsResponseDataDER, in: der)).lowerBound + 20
        badData[dataAt] ^= 0x01
        for tampered in [badSignature, badData] {
            let tamperedBasic = try #require(try OCSPResponse(derEncoded: tampered).basicResponse)
            #expect(tamperedBasic.signature != basic.signature || tamperedBasic.tbsResponseDataDER != basic.tbsResponseDataDER)
            #expect(!tamperedBasic.isSignature(by: responder))
            #expect(!tamperedBasic.isSignature(by: responder))
        }
        #expect(basic.isSignature(by: responder))
    }

    private static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }
}

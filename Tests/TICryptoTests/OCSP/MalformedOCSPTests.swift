// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Malformed OCSP input fails with a ``TICryptoError``, never a crash.
@Suite(.serialized)
struct MalformedOCSPTests {
    /// SplitMix64: a small deterministic generator, so a failure reproduces.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pki: Result<TrustTestPKI, any Error> = Result { try TrustTestPKI(.brainpoolP256r1) }

    static func validResponse(_ pki: TrustTestPKI) throws -> [UInt8] {
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pki.leaf(.revoked), issuer: pki.intermediate)], nonce: [1, 2, 3, 4])
        return try pki.responder(revocationTime: pki.now - 60).respond(to: request, now: pki.now)
    }

    @Test("truncations, garbage, wrong OIDs and huge lengths")
    func handPicked() throws {
        let pki = try Self.pki.get()
        let response = try Self.validResponse(pki)
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.intermediate)]).derEncoded
        for length in 0..<response.count {
            #expect(throws: TICryptoError(.invalidOCSPResponse)) { try OCSPResponse(derEncoded: Array(response.prefix(length))) }
        }
        for length in 0..<request.count {
            #expect(throws: TICryptoError(.invalidOCSPRequest)) { try OCSPRequest(derEncoded: Array(request.prefix(length))) }
        }
        let hugeLengths: [[UInt8]] = [
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A, 0x01, 0x00], [0x30, 0x89, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x30, 0x80, 0x0A, 0x01, 0x00, 0x00, 0x00], [0x30, 0x03, 0x0A, 0x01, 0x04], [0x30, 0x03, 0x0A, 0x01, 0x00],
            [0x30, 0x05, 0x0A, 0x01, 0x01, 0xA0, 0x00], response + [0x00],
        ]
        for bytes in hugeLengths {
            #expect(throws: TICryptoError(.invalidOCSPResponse)) { try OCSPResponse(derEncoded: bytes) }
            #expect(throws: TICryptoError(.invalidOCSPRequest)) { try OCSPRequest(derEncoded: bytes) }
        }
        // id-pkix-ocsp-basic 1.3.6.1.5.5.7.48.1.1 → …48.1.9; SHA-1 1.3.14.3.2.26 → …2.27 in the CertID.
        let basicOID: [UInt8] = [0x06, 0x09, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01]
        let sha1OID: [UInt8] = [0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A]
        for (oid, code) in [(basicOID, TICryptoError.Code.invalidOCSPResponse), (sha1OID, .invalidOCSPResponse)] {
            var mutated = response
            let start = try #require(mutated.indices.first { Array(mutated[$0..<min($0 + oid.count, mutated.count)]) == oid })
            mutated[start + oid.count - 1] ^= 0x02
            #expect(throws: TICryptoError(code)) { try OCSPResponse(derEncoded: mutated) }
        }
        var wrongHash = request
        let hashStart = try #require(wrongHash.indices.first { Array(wrongHash[$0..<min($0 + sha1OID.count, wrongHash.count)]) == sha1OID })
        wrongHash[hashStart + sha1OID.count - 1] ^= 0x02
        #expect(throws: TICryptoError(.invalidOCSPRequest)) { try OCSPRequest(derEncoded: wrongHash) }
        let responder = try pki.responder(revocationTime: pki.now)
        #expect(try OCSPResponse(derEncoded: responder.respond(to: wrongHash, now: pki.now)).status == .malformedRequest)
    }

    @Test("random mutations of a valid response and request (fixed seed, 3000 iterations each)")
    func mutations() throws {
        let pki = try Self.pki.get()
        let response = try Self.validResponse(pki)
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.intermediate)], nonce: [9, 9]).derEncoded
        let responder = try pki.responder(revocationTime: pki.now)
        var generator = SeededGenerator(state: 20_241_122)
        var accepted = 0
        for iteration in 0..<3_000 {
            let mutatedResponse = Self.mutate(response, &generator)
            do {
                let parsed = try OCSPResponse(derEncoded: mutatedResponse)
                _ = try parsed.checkStatus(
                    of: pki.leaf(.revoked),
                    issuer: pki.intermediate,
                    trustStore: pki.trustStore,
                    at: pki.now,
                    maximumAge: 3_600
                )
                accepted += 1
            } catch {
                #expect(!error.code.description.isEmpty, "iteration \(iteration)")
            }
            let mutatedRequest = Self.mutate(request, &generator)
            _ = try? OCSPRequest(derEncoded: mutatedRequest)
            let answer = responder.respond(to: mutatedRequest, now: pki.now)
            #expect((try? OCSPResponse(derEncoded: answer)) != nil, "iteration \(iteration): the responder must answer DER")
        }
        // Only mutations outside the signed data (or none at all) may still pass the full check.
        #expect(accepted < 300)
    }

    /// Flips, replaces, inserts or deletes a few bytes, or truncates.
    static func mutate(_ bytes: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !result.isEmpty else { break }
            let index = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: result[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
            case 1: result[index] = UInt8.random(in: 0...255, using: &generator)
            case 2: result.insert(UInt8.random(in: 0...255, using: &generator), at: index)
            case 3: result.remove(at: index)
            default: result = Array(result.prefix(index))
            }
        }
        return result
    }
}

// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// OCSP interop with `openssl ocsp` in both directions, on brainpoolP256r1 and P-256.
@Suite(.serialized)
struct OCSPInteropTests {
    @Test("openssl builds the request, our responder answers, openssl verifies good and revoked", arguments: TrustTestPKI.Curve.allCases)
    func opensslClientOurResponder(curve: TrustTestPKI.Curve) throws {
        let pki = try TrustTestPKI(curve)
        let responder = try pki.responder(revocationTime: pki.now - 7_200)
        try pki.directory.write(
            String(decoding: try pki.directory.read("root.pem") + pki.directory.read("inter.pem"), as: UTF8.self),
            to: "chain.pem"
        )
        for (leaf, expected) in [(TrustTestPKI.Leaf.good, "good"), (.revoked, "revoked")] {
            let requestPath = pki.directory.path("\(leaf)-req.der")
            try ExternalTool.openssl(["ocsp", "-issuer", pki.path("inter"), "-cert", pki.path(leaf.rawValue), "-reqout", requestPath, "-no_nonce"])
            let requestDER = try pki.directory.read("\(leaf)-req.der")
            let request = try OCSPRequest(derEncoded: requestDER)
            #expect(request.nonce == nil && !request.isSigned)
            #expect(request.certIDs == [try OCSPCertID(certificate: pki.leaf(leaf), issuer: pki.intermediate)])
            #expect(request.derEncoded == requestDER)
            let responsePath = try pki.directory.write(responder.respond(to: requestDER, now: pki.now), to: "\(leaf)-resp.der")
            let output = try ExternalTool.openssl([
                "ocsp", "-respin", responsePath, "-issuer", pki.path("inter"), "-cert", pki.path(leaf.rawValue),
                "-CAfile", pki.directory.path("chain.pem"), "-verify_other", pki.path("ocsp"),
            ])
            #expect(output.standardError.contains("Response verify OK"), "\(output.standardError)")
            #expect(output.text.contains("\(leaf.rawValue).pem: \(expected)"), "\(output.text)")
            if leaf == .revoked {
                #expect(output.text.contains("Reason: keyCompromise"), "\(output.text)")
            }
        }
        // With a nonce, openssl checks that our response echoes it (`-issuer`/`-cert` would add to the loaded request).
        try ExternalTool.openssl(["ocsp", "-issuer", pki.path("inter"), "-cert", pki.path("good"), "-reqout", pki.directory.path("n-req.der")])
        let nonceRequest = try pki.directory.read("n-req.der")
        #expect(try OCSPRequest(derEncoded: nonceRequest).nonce?.isEmpty == false)
        let responsePath = try pki.directory.write(responder.respond(to: nonceRequest, now: pki.now), to: "n-resp.der")
        let output = try ExternalTool.openssl([
            "ocsp", "-reqin", pki.directory.path("n-req.der"), "-respin", responsePath, "-CAfile", pki.directory.path("chain.pem"),
            "-verify_other", pki.path("ocsp"),
        ])
        #expect(output.standardError.contains("Response verify OK") && !output.standardError.contains("WARNING"), "\(output.standardError)")
    }

    @Test("openssl responds to our request, our checker reports good and revoked with time and reason", arguments: TrustTestPKI.Curve.allCases)
    func ourClientOpensslResponder(curve: TrustTestPKI.Curve) throws {
        let pki = try TrustTestPKI(curve)
        let revocationTime = pki.now - 3 * 3_600
        let expiry = TrustTestPKI.shortTimestamp(pki.now + 365 * TrustTestPKI.day)
        try pki.directory.write(
            """
            V\t\(expiry)\t\t\(pki.leaf(.good).serialNumberHex)\tunknown\t/CN=good
            R\t\(expiry)\t\(TrustTestPKI.shortTimestamp(revocationTime)),keyCompromise\t\(pki.leaf(.revoked).serialNumberHex)\tunknown\t/CN=revoked

            """,
            to: "index.txt"
        )
        for leaf in [TrustTestPKI.Leaf.good, .revoked] {
            let nonce = Array("nonce-\(leaf)".utf8)
            let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pki.leaf(leaf), issuer: pki.intermediate)], nonce: nonce)
            let requestPath = try pki.directory.write(request.derEncoded, to: "our-\(leaf)-req.der")
            let responsePath = pki.directory.path("openssl-\(leaf)-resp.der")
            try ExternalTool.openssl([
                "ocsp", "-index", pki.directory.path("index.txt"), "-CA", pki.path("inter"), "-rsigner", pki.path("ocsp"), "-rkey",
                pki.directory.path("ocsp.key"), "-reqin", requestPath, "-respout", responsePath, "-ndays", "1",
            ])
            let response = try OCSPResponse(derEncoded: try pki.directory.read("openssl-\(leaf)-resp.der"))
            #expect(response.basicResponse?.nonce == nonce)
            let single = try response.checkStatus(
                of: pki.leaf(leaf),
                issuer: pki.intermediate,
                trustStore: pki.trustStore,
                at: Date(),
                maximumAge: 12 * 3_600,
                clockSkew: 60,
                expectedNonce: nonce
            )
            switch leaf {
            case .good: #expect(single.status == .good)
            default: #expect(single.status == .revoked(time: revocationTime, reason: .keyCompromise))
            }
            #expect(single.nextUpdate != nil)
            #expect(throws: TICryptoError(.invalidOCSPResponse)) {
                try response.checkStatus(
                    of: pki.leaf(leaf),
                    issuer: pki.intermediate,
                    trustStore: pki.trustStore,
                    at: Date(),
                    maximumAge: 12 * 3_600,
                    expectedNonce: [1, 2, 3]
                )
            }
        }
    }
}

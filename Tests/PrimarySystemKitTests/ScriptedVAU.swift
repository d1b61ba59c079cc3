// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import PrimarySystemKit
import Synchronization
import TICrypto

/// A stand-in for the Fachdienst's VAU endpoints: serves C.FD.ENC of the fixture PKI, decrypts each `POST /VAU/…`
/// with its key as the server does, and answers with whatever `answer` makes of the envelope — so tests can send
/// answers no correct server would send.
final class ScriptedVAU: HTTPSender {
    typealias Answer = @Sendable (VAUEnvelope) throws -> HTTPResponseMessage

    private let certificateDER: [UInt8]
    private let privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    private let answer: Answer
    private let log = Mutex<[String]>([])

    init(answer: @escaping Answer) throws {
        let vau = try VAUConfiguration(testPKI: KitFixture.pki.get())
        self.certificateDER = vau.certificate.derEncoded
        self.privateKey = vau.privateKey
        self.answer = answer
    }

    /// `METHOD target` of every request received, in order.
    var requests: [String] { self.log.withLock { $0 } }

    func send(_ request: HTTPRequestMessage, to baseURL: URL) async throws(PrimarySystemError) -> HTTPResponseMessage {
        self.log.withLock { $0.append("\(request.method) \(request.target)") }
        switch (request.method, request.target) {
        case ("GET", "/VAUCertificate"):
            return HTTPResponseMessage(status: 200, headers: ["Content-Type": "application/pkix-cert"], body: self.certificateDER)
        case ("POST", let target) where target.hasPrefix("/VAU/"):
            do {
                return try self.answer(try VAUEnvelope(plaintext: try VAUCrypto.decrypt(request.body, with: self.privateKey)))
            } catch {
                return HTTPResponseMessage(status: 500)
            }
        default:
            return HTTPResponseMessage(status: 404)
        }
    }

    /// A 200 answer: `"1" SP requestID SP inner` sealed under `key`, with `pseudonym` as `Userpseudonym`.
    static func sealed(
        requestID: String,
        key: [UInt8],
        inner: String = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
        pseudonym: String = "5a049a2c-632f841a"
    ) throws -> HTTPResponseMessage {
        let body = try VAUResponse.seal(Array("1 \(requestID) \(inner)".utf8), key: key)
        return HTTPResponseMessage(status: 200, headers: ["Content-Type": "application/octet-stream", "Userpseudonym": pseudonym], body: body)
    }
}

// SPDX-License-Identifier: Apache-2.0

public import TICrypto

/// The client's half of one VAU exchange (gemSpec_Krypt A_20161-01 and A_20174; spec/ref-impl.md B.1): a fresh
/// request id and response key, the sealed request, and the check of the response.
///
/// Use each value for one request only: the response key and request id must never repeat.
public struct VAUClientRequest: Sendable {
    /// The version of the plaintext in both directions.
    public static let version = "1"

    /// 16 random bytes as 32 lowercase hexadecimal characters; the response must repeat it.
    public let requestID: String
    /// The AES-128 key the response is encrypted with, 16 random bytes.
    let responseKey: [UInt8]

    /// Draws a request id and a response key from the system's cryptographically secure generator.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    /// Draws a request id and a response key from `generator`; pass a seeded one only in tests.
    public init(using generator: inout some RandomNumberGenerator) {
        self.requestID = Self.hex((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        self.responseKey = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The plaintext `"1" SP token SP request-id SP response-key SP inner request`, ECIES-encrypted for `recipient`
    /// with a fresh ephemeral brainpoolP256r1 key: `0x01 ‖ X ‖ Y ‖ IV ‖ ciphertext ‖ tag`.
    /// - Parameters:
    ///   - accessToken: The compact JWS the inner `Authorization` header carries as well (the VAU compares them).
    ///   - innerRequest: The serialised HTTP/1.1 request.
    ///   - recipient: The public key of the verified C.FD.ENC.
    /// - Throws: `missingAccessToken` for a token that is not a compact JWS; `invalidArgument` if encryption fails.
    public func seal(
        accessToken: String,
        innerRequest: [UInt8],
        recipient: BrainpoolP256r1.KeyAgreement.PublicKey
    ) throws(PrimarySystemError) -> [UInt8] {
        // The plaintext is split at spaces by the VAU: a token with other characters would shift the fields.
        guard !accessToken.isEmpty, accessToken.utf8.allSatisfy(Self.isJWSCharacter) else {
            throw PrimarySystemError(.missingAccessToken, reason: "the access token is not a compact JWS")
        }
        // [REQ:gemSpec_Krypt:A_20161-01] p = "1" SP token SP request-id SP response-key SP request.
        let plaintext = Array("\(Self.version) \(accessToken) \(self.requestID) \(Self.hex(self.responseKey)) ".utf8) + innerRequest
        do {
            return try VAUCrypto.encrypt(plaintext: plaintext, recipient: recipient)
        } catch {
            throw PrimarySystemError(.invalidArgument, reason: "ECIES encryption failed: \(error.code)")
        }
    }

    /// Decrypts the outer response body with the response key and checks the `"1" SP request-id SP` prefix.
    /// - Returns: The inner HTTP/1.1 response, unparsed.
    /// - Throws: `responseDecryptionFailed` when the body does not decrypt with the key; `requestIDMismatch` when it
    ///   names another request; `malformedVAUResponse` when the prefix is missing.
    public func open(_ body: some Collection<UInt8>) throws(PrimarySystemError) -> [UInt8] {
        let plaintext: [UInt8]
        do {
            plaintext = try VAUResponse.open(body, key: self.responseKey)
        } catch {
            throw PrimarySystemError(.responseDecryptionFailed, reason: "the VAU response does not decrypt with the response key")
        }
        // [REQ:gemSpec_Krypt:A_20174] strip the known prefix rather than splitting at spaces (api-erp advice).
        let version = Array("\(Self.version) ".utf8)
        guard plaintext.starts(with: version) else {
            throw PrimarySystemError(.malformedVAUResponse, reason: "the VAU response does not start with version 1")
        }
        let rest = plaintext.dropFirst(version.count)
        guard let space = rest.firstIndex(of: UInt8(ascii: " ")) else {
            throw PrimarySystemError(.malformedVAUResponse, reason: "the VAU response has no request id")
        }
        // Servers may write hexadecimal in either case.
        guard String(decoding: rest[..<space], as: UTF8.self).lowercased() == self.requestID else {
            throw PrimarySystemError(.requestIDMismatch, reason: "the VAU response answers another request")
        }
        return Array(rest[(space + 1)...])
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    private static func isJWSCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }
}

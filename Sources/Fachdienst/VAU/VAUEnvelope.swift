// SPDX-License-Identifier: Apache-2.0

/// The decrypted request of the VAU channel: `"1" SP token SP request-id SP response-key SP HTTP request`
/// (gemSpec_Krypt A_20161-01; spec/ref-impl.md B.1).
public struct VAUEnvelope: Sendable {
    /// The only version of the plaintext.
    public static let version = "1"

    /// The access token (a compact JWS) the envelope is sent under.
    public let accessToken: String
    /// The client's request id, 32 hexadecimal characters as sent; the response repeats it.
    public let requestID: String
    /// The AES-128 key the response is encrypted with.
    public let responseKey: [UInt8]
    /// The inner HTTP/1.1 request, unparsed.
    public let innerRequest: [UInt8]

    /// Splits a plaintext at its first four spaces and checks each field.
    /// - Throws: ``VAUError`` `malformedPlaintext` for missing or empty fields or a token with other characters than
    ///   those of a compact JWS; `unsupportedPlaintextVersion`, `invalidRequestID` or `invalidResponseKey`.
    public init(plaintext: [UInt8]) throws(VAUError) {
        var fields: [ArraySlice<UInt8>] = []
        var start = plaintext.startIndex
        while fields.count < 4, let space = plaintext[start...].firstIndex(of: UInt8(ascii: " ")) {
            fields.append(plaintext[start..<space])
            start = space + 1
        }
        guard fields.count == 4 else {
            throw VAUError(.malformedPlaintext, reason: "the plaintext has fewer than five space-separated fields")
        }
        // ProdFD refuses double spaces: every field must be non-empty.
        guard fields.allSatisfy({ !$0.isEmpty }), start < plaintext.endIndex else {
            throw VAUError(.malformedPlaintext, reason: "the plaintext has an empty field")
        }
        guard fields[0].elementsEqual(Self.version.utf8) else {
            throw VAUError(.unsupportedPlaintextVersion, reason: "the plaintext's version is not 1")
        }
        guard fields[1].allSatisfy(Self.isJWSCharacter) else {
            throw VAUError(.malformedPlaintext, reason: "the access token is not a compact JWS")
        }
        guard fields[2].count == 32, VAUHex.decode(fields[2]) != nil else {
            throw VAUError(.invalidRequestID, reason: "the request id is not 32 hexadecimal characters")
        }
        guard fields[3].count == 32, let key = VAUHex.decode(fields[3]) else {
            throw VAUError(.invalidResponseKey, reason: "the response key is not 16 bytes in hexadecimal")
        }
        self.accessToken = String(decoding: fields[1], as: UTF8.self)
        self.requestID = String(decoding: fields[2], as: UTF8.self)
        self.responseKey = key
        self.innerRequest = Array(plaintext[start...])
    }

    /// Base64url characters and the dots between the parts.
    private static func isJWSCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

internal import TICrypto

/// A JWS wrapped in a JWE with `cty: NJWT` and plaintext `{"njwt": "<JWS>"}`: the form of the signed challenge, the
/// authorization code and the encrypted tokens of the gematik IDP (spec/ref-impl.md C.2).
enum NestedToken {
    /// Encrypts `jws` with `dir` + `A256GCM` under `key`; `exp` goes into the header.
    static func encrypt(_ jws: String, key: [UInt8], exp: Int64?) throws(IdentityProviderError) -> String {
        let plaintext = JWTClaims(["njwt": .string(jws)]).json
        do {
            return try JWE.encrypt(plaintext, header: JOSEHeader(cty: "NJWT", exp: exp), directKey: key).compactSerialization
        } catch {
            throw IdentityProviderError(.serverError, reason: "encryption failed: \(error)")
        }
    }

    /// The `njwt` member of a decrypted plaintext, nil when absent.
    static func njwt(in plaintext: [UInt8]) -> String? {
        JWTClaims(payload: plaintext)?.string("njwt")
    }
}

// SPDX-License-Identifier: Apache-2.0

internal import Crypto
public import Foundation

extension TestPKI {
    /// An access token for identity `name` as the gematik IDP issues it (spec/ref-impl.md C.3), signed `BP256R1` with
    /// this PKI's `idp-sig` key: `professionOID` and `idNummer` (Telematik-ID or KVNR) from the certificate, names,
    /// `aud`, `acr` `gematik-ehealth-loa-high`, `amr`, a pairwise `sub`, `jti`, `iat` and `exp` (= `iat` + `lifetime`).
    ///
    /// For development and tests only: the identity provider issues these after a card login; this shortcut skips it.
    /// - Parameters:
    ///   - name: an identity with an Admission (`hba`, `smcb`, `egk`).
    ///   - audience: the Fachdienst's audience (its public URL).
    ///   - issuer: the `iss` claim.
    ///   - now: `iat`.
    ///   - lifetime: seconds until `exp` (the IDP uses 300).
    /// - Throws: `unknownIdentity`; `invalidParameter` for an identity without profession OID or ID number.
    public func accessToken(
        for name: String,
        audience: String,
        issuer: String = "http://localhost:8080/idp",
        now: Date = Date(),
        lifetime: TimeInterval = 300
    ) throws(TICryptoError) -> String {
        let identity = try self.identity(named: name)
        let signer = try self.identity(named: "idp-sig")
        guard let profession = identity.professionOID, let idNumber = identity.telematikID ?? identity.kvnr else {
            throw TICryptoError(.invalidParameter, reason: "\(name) has no profession OID or ID number for a token")
        }
        let subject = identity.certificate.subject
        let iat = Int64(now.timeIntervalSince1970)
        let pairwise = SHA256.hash(data: Array((audience + idNumber + "erezept-test-pki").utf8))
        var claims: [String: JOSEValue] = [
            "iss": .string(issuer),
            "sub": .string(Base64URL.encode(Array(pairwise))),
            "aud": .string(audience),
            "acr": .string("gematik-ehealth-loa-high"),
            "amr": .array([.string("mfa"), .string("sc"), .string("pin")]),
            "professionOID": .string(profession.dotted),
            "idNummer": .string(idNumber),
            "organizationName": .string(identity.displayName),
            "client_id": .string("gematikTestPs"),
            "azp": .string("gematikTestPs"),
            "scope": .string("openid e-rezept"),
            "jti": .string(UUID().uuidString),
            "auth_time": .integer(iat),
            "iat": .integer(iat),
            "exp": .integer(iat + Int64(lifetime)),
        ]
        claims["given_name"] = .string(subject.givenName ?? identity.displayName)
        claims["family_name"] = .string(subject.surname ?? identity.displayName)
        let payload: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            payload = try encoder.encode(claims)
        } catch {
            throw TICryptoError(.invalidParameter, reason: "claims do not encode: \(error)")
        }
        let header = JOSEHeader(fields: ["typ": .string("at+JWT")])
        return try JWS.sign(payload: Array(payload), header: header, key: signer.privateKey).compactSerialization
    }
}

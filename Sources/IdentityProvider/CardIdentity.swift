// SPDX-License-Identifier: Apache-2.0

internal import TICrypto

/// Who signed a challenge, read from the card's authentication certificate: the identity claims of the code and the
/// tokens (spec/ref-impl.md C.3; ref-idp-server `tokenFlow.md`: professionOID and idNummer from the Admission,
/// given_name/family_name from the subject, organizationName from the subject's O).
struct CardIdentity: Hashable, Sendable {
    let professionOID: String
    /// KVNR (eGK) or Telematik-ID.
    let idNumber: String
    let givenName: String?
    let familyName: String?
    let organizationName: String?

    /// The identity of `certificate`.
    /// - Throws: `cardCertificateInvalid` without an Admission profession OID or an ID number.
    init(certificate: TelematikCertificate) throws(IdentityProviderError) {
        guard let profession = certificate.professionOIDs.first else {
            throw IdentityProviderError(.cardCertificateInvalid, reason: "the card certificate has no Admission with a profession OID")
        }
        let isInsurant = profession == TelematikOID.versicherter
        guard let idNumber = isInsurant ? certificate.kvnr : certificate.telematikID, !idNumber.isEmpty else {
            throw IdentityProviderError(.cardCertificateInvalid, reason: "the card certificate has no KVNR or Telematik-ID")
        }
        self.professionOID = profession.dotted
        self.idNumber = idNumber
        self.givenName = certificate.subject.givenName
        self.familyName = certificate.subject.surname
        self.organizationName = certificate.subject.organizationName
    }

    init(claims: JWTClaims) throws(IdentityProviderError) {
        guard let profession = claims.string("professionOID"), let idNumber = claims.string("idNummer") else {
            throw IdentityProviderError(.codeInvalid, reason: "the code lacks the identity claims")
        }
        self.professionOID = profession
        self.idNumber = idNumber
        self.givenName = claims.string("given_name")
        self.familyName = claims.string("family_name")
        self.organizationName = claims.string("organizationName")
    }

    /// `display_name`: given name and family name, when both are known.
    var displayName: String? {
        guard let givenName, let familyName else { return nil }
        return "\(givenName) \(familyName)"
    }

    /// Writes the identity claims into `claims`; absent values are left out, never written as null.
    func write(to claims: inout JWTClaims) {
        claims.set("professionOID", self.professionOID)
        claims.set("idNummer", self.idNumber)
        claims.set("given_name", self.givenName)
        claims.set("family_name", self.familyName)
        claims.set("organizationName", self.organizationName)
    }
}

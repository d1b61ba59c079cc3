// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// The role of an identity; the raw value is the `kind` string of `identities.json`.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The self-signed root CA.
        case rootCA = "root-ca"
        /// An issuing CA below the root.
        case ca
        /// A health professional card's qualified signature certificate (C.HP.QES).
        case hba
        /// An institution card's authentication certificate (C.HCI.AUT).
        case smcb
        /// An insurant card's authentication certificate (C.CH.AUT).
        case egk
        /// The Fachdienst's signer certificate for receipts (C.FD.SIG).
        case fdSig = "fd-sig"
        /// The Fachdienst's VAU encryption certificate (C.FD.ENC).
        case fdEnc = "fd-enc"
        /// The identity provider's token signer certificate.
        case idpSig = "idp-sig"
        /// The OCSP responder's signer certificate.
        case ocsp

        /// Whether identities of this kind are CAs.
        public var isCertificateAuthority: Bool { self == .rootCA || self == .ca }
    }

    /// The insurance type of an insurant (`insurance` in `identities.json`).
    public enum Insurance: String, Sendable, Hashable, Codable {
        /// Statutory health insurance.
        case gkv = "GKV"
        /// Private health insurance.
        case pkv = "PKV"
    }
}

// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// One entry of `identities.json`, the contract other tools read (docs/test-pki.md). Absent values are left out.
    public struct IdentityEntry: Codable, Hashable, Sendable {
        /// The identity name.
        public var name: String
        /// The kind (`root-ca`, `ca`, `hba`, `smcb`, `egk`, `fd-sig`, `fd-enc`, `idp-sig`, `ocsp`).
        public var kind: Kind
        /// The `name` of the issuing CA; absent for the root.
        public var issuer: String?
        /// The profession OID in dotted form, where the certificate carries one.
        public var professionOID: String?
        /// The Telematik-ID (HBA, SMC-B, services).
        public var telematikId: String?
        /// The KVNR (eGK).
        public var kvnr: String?
        /// `GKV` or `PKV` (eGK).
        public var insurance: Insurance?
        /// The human-friendly name.
        public var displayName: String
        /// The certificate's PEM file, relative to the PKI directory (`certs/NAME.pem`).
        public var certificate: String
        /// The private key's PEM file (PKCS#8), relative to the PKI directory (`keys/NAME.key.pem`).
        public var privateKey: String

        /// The entry describing `identity`.
        public init(_ identity: Identity) {
            self.name = identity.name
            self.kind = identity.kind
            self.issuer = identity.issuer
            self.professionOID = identity.professionOID?.dotted
            self.telematikId = identity.kind == .egk ? nil : identity.telematikID
            self.kvnr = identity.kvnr
            self.insurance = identity.insurance
            self.displayName = identity.displayName
            self.certificate = "certs/\(identity.name).pem"
            self.privateKey = "keys/\(identity.name).key.pem"
        }
    }
}

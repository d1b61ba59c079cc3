// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// One identity of the PKI: a certificate with its private key and the facts tools look up.
    public struct Identity: Sendable {
        /// The unique name, e.g. `doctor-a`; also the file name of its certificate and key.
        public let name: String
        /// The role.
        public let kind: Kind
        /// The `name` of the issuing CA; `nil` for the root.
        public let issuer: String?
        /// A human-friendly name, e.g. "Dr. med. Anna Arzt".
        public let displayName: String
        /// The insurance type of an insurant (eGK only).
        public let insurance: Insurance?
        /// The certificate.
        public let certificate: TelematikCertificate
        /// The private key (brainpoolP256r1; the VAU key of `fd-enc` is used for ECDH with the same scalar).
        public let privateKey: BrainpoolP256r1.Signing.PrivateKey

        /// Creates an identity.
        public init(
            name: String,
            kind: Kind,
            issuer: String?,
            displayName: String,
            insurance: Insurance? = nil,
            certificate: TelematikCertificate,
            privateKey: BrainpoolP256r1.Signing.PrivateKey
        ) {
            self.name = name
            self.kind = kind
            self.issuer = issuer
            self.displayName = displayName
            self.insurance = insurance
            self.certificate = certificate
            self.privateKey = privateKey
        }

        /// The first profession OID of the certificate's Admission extension.
        public var professionOID: OID? { self.certificate.professionOIDs.first }

        /// The Telematik-ID (the Admission's registration number).
        public var telematikID: String? { self.certificate.telematikID }

        /// The KVNR of an eGK certificate (from the subject's OU).
        public var kvnr: String? { self.kind == .egk ? self.certificate.kvnr : nil }

        /// The key as a certificate signing key.
        var signingKey: SigningKey { .brainpoolP256r1(self.privateKey) }
    }
}

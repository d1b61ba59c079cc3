// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// Certificate policy OIDs the test PKI writes besides ``TelematikOID/hbaQES``.
    ///
    /// The values follow gemSpec_OID as commonly cited; gemSpec_OID itself was not available (see ``TelematikOID``), so
    /// treat them as test values. Validation code should not rely on them.
    public enum PolicyOID {
        /// `oid_policy_gem_or_cp` 1.2.276.0.76.4.163, gematik's certificate policy (also in the real C.FD.SIG fixture).
        public static let gematikCertificatePolicy: OID = "1.2.276.0.76.4.163"
        /// `oid_smc_b_aut` 1.2.276.0.76.4.77 (C.HCI.AUT); unconfirmed.
        public static let smcbAuthentication: OID = "1.2.276.0.76.4.77"
        /// `oid_egk_aut` 1.2.276.0.76.4.70 (C.CH.AUT); unconfirmed.
        public static let egkAuthentication: OID = "1.2.276.0.76.4.70"
    }

    /// The organisation name in the CA and service subjects.
    static let organization = "E-Rezept Test-PKI NOT-VALID"
}

// SPDX-License-Identifier: Apache-2.0

extension DistinguishedName {
    /// Attribute type OIDs of X.520 / RFC 5280 Appendix A used in telematics certificate names.
    public enum AttributeType {
        /// `commonName` 2.5.4.3.
        public static let commonName: OID = "2.5.4.3"
        /// `surname` 2.5.4.4.
        public static let surname: OID = "2.5.4.4"
        /// `serialNumber` 2.5.4.5.
        public static let serialNumber: OID = "2.5.4.5"
        /// `countryName` 2.5.4.6.
        public static let countryName: OID = "2.5.4.6"
        /// `localityName` 2.5.4.7.
        public static let localityName: OID = "2.5.4.7"
        /// `stateOrProvinceName` 2.5.4.8.
        public static let stateOrProvinceName: OID = "2.5.4.8"
        /// `streetAddress` 2.5.4.9.
        public static let streetAddress: OID = "2.5.4.9"
        /// `organizationName` 2.5.4.10.
        public static let organizationName: OID = "2.5.4.10"
        /// `organizationalUnitName` 2.5.4.11.
        public static let organizationalUnitName: OID = "2.5.4.11"
        /// `title` 2.5.4.12.
        public static let title: OID = "2.5.4.12"
        /// `postalCode` 2.5.4.17.
        public static let postalCode: OID = "2.5.4.17"
        /// `givenName` 2.5.4.42.
        public static let givenName: OID = "2.5.4.42"
        /// `domainComponent` 0.9.2342.19200300.100.1.25.
        public static let domainComponent: OID = "0.9.2342.19200300.100.1.25"
        /// `userId` 0.9.2342.19200300.100.1.1.
        public static let userID: OID = "0.9.2342.19200300.100.1.1"
        /// PKCS #9 `emailAddress` 1.2.840.113549.1.9.1 (deprecated by RFC 5280 §4.1.2.6, still seen).
        public static let emailAddress: OID = "1.2.840.113549.1.9.1"

        private static let shortNames: [OID: String] = [
            commonName: "CN", surname: "SN", serialNumber: "serialNumber", countryName: "C", localityName: "L",
            stateOrProvinceName: "ST", streetAddress: "street", organizationName: "O", organizationalUnitName: "OU",
            title: "title", postalCode: "postalCode", givenName: "GN", domainComponent: "DC", userID: "UID",
            emailAddress: "emailAddress",
        ]

        /// The short name OpenSSL uses in RFC 2253 output (`CN`, `GN`, `serialNumber` …), or the dotted OID.
        public static func shortName(of oid: OID) -> String { shortNames[oid] ?? oid.dotted }
    }
}

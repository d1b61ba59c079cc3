// SPDX-License-Identifier: Apache-2.0

extension TICryptoError.Code {
    /// A field given to ``CertificateBuilder`` cannot be encoded as RFC 5280 requires (an empty, zero or over-long serial
    /// number, `notAfter` before `notBefore`, a date outside the years 1950–9999, a repeated extension, or a string
    /// outside its ASN.1 type).
    public static let invalidCertificateField = Self("invalidCertificateField")
}

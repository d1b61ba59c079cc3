// SPDX-License-Identifier: Apache-2.0

/// The authority information access extension (RFC 5280 §4.2.2.1, OID 1.3.6.1.5.5.7.1.1).
public struct AuthorityInformationAccess: Hashable, Sendable {
    /// One `AccessDescription`: the method OID and where to go.
    public struct AccessDescription: Hashable, Sendable {
        /// `accessMethod`, e.g. `id-ad-ocsp` 1.3.6.1.5.5.7.48.1 or `id-ad-caIssuers` 1.3.6.1.5.5.7.48.2.
        public let method: OID
        /// `accessLocation`.
        public let location: GeneralName
    }

    /// `id-ad-ocsp` (RFC 5280 §4.2.2.1).
    public static let ocspMethod: OID = "1.3.6.1.5.5.7.48.1"
    /// `id-ad-caIssuers` (RFC 5280 §4.2.2.1).
    public static let caIssuersMethod: OID = "1.3.6.1.5.5.7.48.2"

    /// All access descriptions in encoded order.
    public let descriptions: [AccessDescription]

    /// The OCSP responder URLs (`id-ad-ocsp` with a URI location); TI certificates name one (gemSpec_PKI).
    public var ocspURLs: [String] { uris(for: Self.ocspMethod) }
    /// The URLs where the issuer's certificate can be fetched (`id-ad-caIssuers`).
    public var caIssuersURLs: [String] { uris(for: Self.caIssuersMethod) }

    private func uris(for method: OID) -> [String] {
        descriptions.compactMap { description in
            guard description.method == method, case .uri(let uri) = description.location else { return nil }
            return uri
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

/// The certificates a ``CertificatePathValidator`` trusts or may use (spec/ref-impl.md E.1: TSL and BNetzA-VL CAs).
///
/// - ``anchors``: any certificate placed here ends a path, self-signed or not (for example gematik's TEST-ONLY
///   sub-CAs, or the CA entries of a trust list). Anchors are trusted as given; only their validity period and CA
///   constraints are checked when they issue a certificate of the path.
/// - ``intermediates``: known CA certificates that may appear inside a path but are not trusted on their own.
/// - ``ocspResponders``: locally trusted OCSP responder certificates (RFC 6960 §4.2.2.2, first case), e.g. the OCSP
///   services of the TSL; a response they sign is accepted for any issuer.
public struct TrustStore: Hashable, Sendable {
    /// Trust anchors.
    public var anchors: [TelematikCertificate]
    /// Known intermediate CA certificates.
    public var intermediates: [TelematikCertificate]
    /// Locally trusted OCSP responder certificates.
    public var ocspResponders: [TelematikCertificate]

    /// Creates a trust store.
    public init(anchors: [TelematikCertificate], intermediates: [TelematikCertificate] = [], ocspResponders: [TelematikCertificate] = []) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.ocspResponders = ocspResponders
    }

    /// Whether `certificate` is one of the ``anchors`` (byte-equal DER).
    public func isAnchor(_ certificate: TelematikCertificate) -> Bool { anchors.contains(certificate) }
}

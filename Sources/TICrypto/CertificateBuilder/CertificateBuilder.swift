// SPDX-License-Identifier: Apache-2.0

public import Foundation
internal import SwiftASN1

/// The fields of an X.509 v3 certificate (RFC 5280 §4.1) to be signed with ecdsa-with-SHA256.
///
/// A value type: set the fields, then call ``sign(with:deterministic:)``, which writes the `TBSCertificate` in DER,
/// signs it and returns the parsed ``TelematikCertificate``. The extension factories on ``CertificateExtension``
/// (``CertificateExtension/basicConstraints(isCA:pathLengthConstraint:)``, ``CertificateExtension/admission(_:)`` …)
/// produce the extension values.
///
/// ```swift
/// let builder = CertificateBuilder(
///     serialNumber: [0x01],
///     issuer: caName,
///     subject: DistinguishedName(organization: "Praxis Test", commonName: "Praxis Test"),
///     notBefore: start,
///     notAfter: end,
///     publicKey: .brainpoolP256r1(leafKey.publicKey),
///     extensions: [try .keyUsage(.digitalSignature)]
/// )
/// let certificate = try builder.sign(with: .brainpoolP256r1(caKey))
/// ```
public struct CertificateBuilder: Sendable {
    /// `serialNumber` as big-endian magnitude: 1 to 20 octets once encoded, not zero (RFC 5280 §4.1.2.2).
    public var serialNumber: [UInt8]
    /// `issuer`: the subject of the signing certificate. Setting it drops the bytes taken by ``issue(by:)``.
    public var issuer: DistinguishedName {
        didSet { self.issuerDER = nil }
    }
    /// `subject`.
    public var subject: DistinguishedName
    /// `validity.notBefore`; whole seconds are kept.
    public var notBefore: Date
    /// `validity.notAfter`; whole seconds are kept.
    public var notAfter: Date
    /// The key the certificate binds.
    public var publicKey: CertificatePublicKey
    /// The extensions in the order they are written; each OID at most once (RFC 5280 §4.2).
    public var extensions: [CertificateExtension]

    /// The issuer name exactly as the issuing certificate encodes it, set by ``issue(by:)``.
    private var issuerDER: [UInt8]?

    /// `ecdsa-with-SHA256` as an AlgorithmIdentifier without parameters (RFC 5758 §3.2).
    private static let signatureAlgorithmDER: [UInt8] = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]

    /// Creates a builder.
    public init(
        serialNumber: [UInt8],
        issuer: DistinguishedName,
        subject: DistinguishedName,
        notBefore: Date,
        notAfter: Date,
        publicKey: CertificatePublicKey,
        extensions: [CertificateExtension] = []
    ) {
        self.serialNumber = serialNumber
        self.issuer = issuer
        self.subject = subject
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.publicKey = publicKey
        self.extensions = extensions
    }

    /// Sets ``issuer`` to the subject of `issuerCertificate`, keeping its DER bytes as they are, so that chain
    /// building by byte comparison (RFC 5280 §7.1) works even for names this module would encode differently.
    public mutating func issue(by issuerCertificate: TelematikCertificate) {
        self.issuer = issuerCertificate.subject
        self.issuerDER = issuerCertificate.subjectDER
    }

    /// The DER `TBSCertificate` (RFC 5280 §4.1.2): version v3, the fields above, signature ecdsa-with-SHA256.
    /// - Throws: `invalidCertificateField` when a field cannot be encoded as RFC 5280 requires.
    public func tbsCertificateDER() throws(TICryptoError) -> [UInt8] {
        let magnitude = Array(self.serialNumber.drop { $0 == 0 })
        guard !magnitude.isEmpty else { throw TICryptoError(.invalidCertificateField, reason: "serial number is zero or empty") }
        guard magnitude.count + (magnitude[0] & 0x80 == 0 ? 0 : 1) <= 20 else {
            throw TICryptoError(.invalidCertificateField, reason: "serial number longer than 20 octets (RFC 5280 §4.1.2.2)")
        }
        guard self.notBefore <= self.notAfter else { throw TICryptoError(.invalidCertificateField, reason: "notAfter before notBefore") }
        for date in [self.notBefore, self.notAfter] where !(1950...9999).contains(DERWriter.utcFields(of: date).year) {
            throw TICryptoError(.invalidCertificateField, reason: "date \(date) outside the years 1950–9999")
        }
        guard Set(self.extensions.map(\.oid)).count == self.extensions.count else {
            throw TICryptoError(.invalidCertificateField, reason: "an extension appears twice (RFC 5280 §4.2)")
        }
        let issuerDER: [UInt8]
        if let raw = self.issuerDER {
            issuerDER = raw
        } else {
            issuerDER = try self.issuer.derEncoded()
        }
        let subjectDER = try self.subject.derEncoded()
        let spki = self.publicKey.derRepresentation
        return try DERWriter.encode("TBSCertificate") { coder in
            try coder.appendSequence { tbs in
                try tbs.appendExplicit(0) { try $0.serialize(2) }  // version v3
                tbs.appendUnsignedInteger(magnitude)
                tbs.serializeRawBytes(Self.signatureAlgorithmDER)
                tbs.serializeRawBytes(issuerDER)
                try tbs.appendSequence { validity in
                    try validity.appendTime(self.notBefore)
                    try validity.appendTime(self.notAfter)
                }
                tbs.serializeRawBytes(subjectDER)
                tbs.serializeRawBytes(spki)
                if !self.extensions.isEmpty {
                    try tbs.appendExplicit(3) { explicit in
                        try explicit.appendSequence { list in
                            for item in self.extensions {
                                try list.appendSequence { element in
                                    try element.appendOID(item.oid)
                                    if item.isCritical { try element.serialize(true) }
                                    element.appendOctetString(item.value)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Writes and signs the certificate.
    /// - Parameters:
    ///   - key: the issuer's private key (the subject's own key for a self-signed certificate).
    ///   - deterministic: sign with an RFC 6979 nonce, so that equal inputs give byte-identical certificates.
    /// - Returns: the certificate, parsed back with ``TelematikCertificate/init(derEncoded:)``.
    /// - Throws: `invalidCertificateField` for a field that cannot be encoded; `openSSL` if signing fails.
    public func sign(with key: SigningKey, deterministic: Bool = true) throws(TICryptoError) -> TelematikCertificate {
        let tbs = try self.tbsCertificateDER()
        let signature = try key.signature(forSHA256Digest: ECDSAOperations.digest(tbs), deterministic: deterministic)
        let der = try DERWriter.encode("Certificate") { coder in
            try coder.appendSequence { certificate in
                certificate.serializeRawBytes(tbs)
                certificate.serializeRawBytes(Self.signatureAlgorithmDER)
                certificate.appendBitString(signature.derRepresentation)
            }
        }
        return try TelematikCertificate(derEncoded: der)
    }
}

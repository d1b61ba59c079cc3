// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// The certificates in a file's contents: every `CERTIFICATE` block of PEM text, or one DER certificate.
    /// - Throws: the parse error; `invalidPEM` for text without a certificate block.
    public static func certificates(fileContents bytes: [UInt8]) throws(TICryptoError) -> [TelematikCertificate] {
        if bytes.first == 0x30 { return [try TelematikCertificate(derEncoded: bytes)] }
        return try TelematikCertificate.certificates(pemEncoded: String(decoding: bytes, as: UTF8.self))
    }

    /// Adds outside trust anchors (e.g. gematik's TEST-ONLY root CAs); certificates present already are skipped.
    /// - Returns: the anchors that were new.
    /// - Throws: `notACertificateAuthority` (and nothing is added) when any certificate is not a CA certificate.
    @discardableResult
    public mutating func importAnchors(_ certificates: [TelematikCertificate]) throws(TICryptoError) -> [TelematikCertificate] {
        for certificate in certificates where !certificate.isCA {
            throw TICryptoError(
                .notACertificateAuthority,
                reason: "\(certificate.subject) is not a CA certificate (basicConstraints cA is not TRUE)"
            )
        }
        var added: [TelematikCertificate] = []
        for certificate in certificates where !self.anchors.contains(certificate) && !added.contains(certificate) {
            added.append(certificate)
        }
        self.anchors.append(contentsOf: added)
        return added
    }

    /// `anchors/` file name of `certificate`: its common name made file-safe, plus the first 16 hex digits of the
    /// SHA-256 of its DER, so the same certificate always lands in the same file.
    static func anchorFileName(_ certificate: TelematikCertificate) -> String {
        let name = certificate.subject.commonName ?? certificate.subject.organizationName ?? "anchor"
        let safe = String(
            name.unicodeScalars.map { scalar -> Character in
                let allowed =
                    (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || "-_.".unicodeScalars.contains(scalar)
                return allowed ? Character(scalar) : "_"
            }
        )
        let digest = ECDSAOperations.digest(certificate.derEncoded).prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 0x10 ? "0" + text : text
        }.joined()
        return "\(safe)-\(digest).pem"
    }
}

// SPDX-License-Identifier: Apache-2.0

internal import Foundation

extension TelematikCertificate {
    /// Parses exactly one PEM `CERTIFICATE` block (RFC 7468 §5).
    /// - Parameter pemEncoded: text containing one certificate block; other blocks are not allowed.
    /// - Throws: ``TICryptoError/Code/invalidPEM`` unless there is exactly one `CERTIFICATE` block, or the
    ///   DER parse error of that block.
    public init(pemEncoded: String) throws(TICryptoError) {
        let certificates = try Self.certificates(pemEncoded: pemEncoded)
        guard certificates.count == 1, let certificate = certificates.first else {
            throw TICryptoError(.invalidPEM, reason: "expected one CERTIFICATE block, found \(certificates.count)")
        }
        self = certificate
    }

    /// Parses every PEM `CERTIFICATE` block in `pemEncoded`, in order (RFC 7468 §5), e.g. a chain file or the output of
    /// `openssl cms -certsout`.
    ///
    /// Text outside blocks (such as `openssl x509 -text` output or `subject=` lines) is ignored, and so are blocks
    /// with other labels (keys, CRLs). Header lines inside a block (RFC 1421 style `Key: value`) are rejected.
    /// - Returns: at least one certificate.
    /// - Throws: ``TICryptoError/Code/invalidPEM`` for no `CERTIFICATE` block, unbalanced or mismatched
    ///   markers or invalid Base64; a DER parse error of any block otherwise.
    public static func certificates(pemEncoded: String) throws(TICryptoError) -> [TelematikCertificate] {
        var result: [TelematikCertificate] = []
        var label: String?
        var body = ""
        for rawLine in pemEncoded.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                guard label == nil else { throw TICryptoError(.invalidPEM, reason: "BEGIN inside a block") }
                label = String(line.dropFirst(11).dropLast(5))
                body = ""
            } else if line.hasPrefix("-----END "), line.hasSuffix("-----") {
                let endLabel = String(line.dropFirst(9).dropLast(5))
                guard let open = label, open == endLabel else { throw TICryptoError(.invalidPEM, reason: "unmatched END \(endLabel)") }
                label = nil
                guard open == "CERTIFICATE" else { continue }
                guard let der = Data(base64Encoded: body) else { throw TICryptoError(.invalidPEM, reason: "invalid Base64") }
                result.append(try TelematikCertificate(derEncoded: Array(der)))
            } else if label != nil {
                guard !line.contains(":") else { throw TICryptoError(.invalidPEM, reason: "header line in PEM block") }
                body += line
            }
        }
        guard label == nil else { throw TICryptoError(.invalidPEM, reason: "block not terminated") }
        guard !result.isEmpty else { throw TICryptoError(.invalidPEM, reason: "no CERTIFICATE block") }
        return result
    }

    /// The certificate as one PEM `CERTIFICATE` block with 64-character lines (RFC 7468 §5).
    public var pemEncoded: String {
        let base64 = Data(derEncoded).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }
}

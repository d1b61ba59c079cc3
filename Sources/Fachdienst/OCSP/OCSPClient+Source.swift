// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import Logging
public import TICrypto

extension OCSPClient {
    /// An OCSP source for `PrescriptionSignature` and `ReceiptSigner`: the issuer of a certificate is looked up in
    /// `issuers`, the response fetched from the responder in the certificate's AIA and kept in an
    /// ``OCSPResponseCache`` for `refreshAfter` seconds (an hour by default, well inside the 12 h of the QES check and
    /// the 24 h of A_22919).
    ///
    /// A failure is logged and answered with nil; the callers turn that into their specified errors (503 for `$close`,
    /// A_22919; `TIFLOW_OCSP_BACKEND_ERROR` for `$activate`). A failed fetch is not cached: the next call asks again.
    /// - Parameters:
    ///   - issuers: The CA certificates that may have issued the certificates asked about.
    ///   - refreshAfter: The age of a cached response after which the responder is asked again.
    ///   - capacity: How many certificates the cache keeps.
    ///   - logger: Where failures are reported.
    /// - Returns: The source, with its cache.
    public func cachedSource(
        issuers: [TelematikCertificate],
        refreshAfter: TimeInterval = 3_600,
        capacity: Int = 10_000,
        logger: Logger = Logger(label: "fachdienst.ocsp-client")
    ) -> @Sendable (TelematikCertificate, Date) async -> OCSPResponse? {
        let cache = OCSPResponseCache(refreshAfter: refreshAfter, capacity: capacity) { certificate, _ in
            do throws(OCSPClientError) {
                return try await self.response(for: certificate, issuers: issuers)
            } catch {
                // The serial and issuer identify the certificate without naming its holder (no personal data in logs).
                logger.warning(
                    "no OCSP response",
                    metadata: [
                        "certificate.serial": "\(certificate.serialNumberHex)", "certificate.issuer": "\(certificate.issuer)",
                        "error": "\(error.code)",
                    ]
                )
                return nil
            }
        }
        return { certificate, now in await cache.response(for: certificate, now: now) }
    }

    /// The status of `certificate` from the responder in its AIA, its issuer found among `issuers`.
    /// - Throws: ``OCSPClientError/Code/unknownIssuer`` when none of `issuers` names the certificate's issuer, else as
    ///   ``response(for:issuer:)``.
    public func response(for certificate: TelematikCertificate, issuers: [TelematikCertificate]) async throws(OCSPClientError) -> OCSPResponse {
        // Several CAs may carry the same name (a renewed CA): where both identifiers are present, the certificate's
        // authority key identifier must be the CA's subject key identifier.
        let issuer = issuers.first { ca in
            guard ca.subjectDER == certificate.issuerDER else { return false }
            guard let authorityKey = certificate.authorityKeyIdentifier, let subjectKey = ca.subjectKeyIdentifier else { return true }
            return authorityKey == subjectKey
        }
        guard let issuer else {
            throw OCSPClientError(
                .unknownIssuer,
                reason: "no known CA issued the certificate \(certificate.serialNumberHex) of \(certificate.issuer)"
            )
        }
        return try await self.response(for: certificate, issuer: issuer)
    }
}

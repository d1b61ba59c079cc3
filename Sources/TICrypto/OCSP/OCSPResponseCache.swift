// SPDX-License-Identifier: Apache-2.0

public import Foundation
import Synchronization

/// Keeps the OCSP responses a source returned, per certificate, and hands them out again while they are young.
///
/// The Fachdienst needs an OCSP response for every QES it checks (the HBA's) and for every receipt it signs (its own
/// C.FD.OSIG). Asking the responder each time costs a round trip and the responder's signature; gemSpec_PKI lets a
/// relying party reuse a response within the grace period instead. A cached response is reused while its
/// `producedAt` is less than ``refreshAfter`` ago, which must stay below every grace period it is checked against
/// (12 h for the QES, 24 h for the receipt certificate), so a reused response is always accepted. A response that is
/// not `successful`, or one with no `good` status, is not cached: the next call asks the source again.
///
/// The cache holds at most ``capacity`` certificates; when it is full, the oldest response is dropped.
public final class OCSPResponseCache: Sendable {
    /// The source: the certificate and the current time in, a response (or none) out.
    public typealias Source = @Sendable (TelematikCertificate, Date) -> OCSPResponse?

    /// How long a response is handed out again after it was produced.
    public let refreshAfter: TimeInterval
    /// How many certificates the cache keeps.
    public let capacity: Int

    private let source: Source
    private let entries = Mutex<[[UInt8]: OCSPResponse]>([:])

    /// Creates a cache in front of `source`.
    /// - Parameters:
    ///   - refreshAfter: The age of a response (from its `producedAt`) after which the source is asked again.
    ///   - capacity: The number of certificates kept.
    ///   - source: Where fresh responses come from.
    public init(refreshAfter: TimeInterval = 3_600, capacity: Int = 10_000, source: @escaping Source) {
        precondition(capacity > 0, "an OCSP cache needs room for one certificate")
        self.refreshAfter = refreshAfter
        self.capacity = capacity
        self.source = source
    }

    /// The cached response for `certificate` if it is younger than ``refreshAfter`` at `now`, else a fresh one.
    public func response(for certificate: TelematikCertificate, now: Date) -> OCSPResponse? {
        let key = certificate.derEncoded
        if let cached = self.entries.withLock({ $0[key] }), let basic = cached.basicResponse,
            now.timeIntervalSince(basic.producedAt) < self.refreshAfter, basic.producedAt <= now
        {
            return cached
        }
        guard let fresh = self.source(certificate, now) else {
            return nil
        }
        if let basic = fresh.basicResponse, basic.responses.allSatisfy({ $0.status == .good }) {
            self.entries.withLock { entries in
                if entries[key] == nil && entries.count >= self.capacity,
                    let oldest = entries.min(by: { Self.producedAt($0.value) < Self.producedAt($1.value) })?.key
                {
                    entries[oldest] = nil
                }
                entries[key] = fresh
            }
        } else {
            self.entries.withLock { $0[key] = nil }
        }
        return fresh
    }

    private static func producedAt(_ response: OCSPResponse) -> Date {
        response.basicResponse?.producedAt ?? .distantPast
    }
}

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
/// The source is either synchronous (an in-process responder such as a test PKI's, ``init(refreshAfter:capacity:source:)``)
/// or asynchronous (an OCSP client over the network, ``init(refreshAfter:capacity:fetch:)``). The asynchronous
/// ``response(for:now:)-(_,_)async`` serves both; the synchronous ``response(for:now:)-(_,_)`` only a cache over a
/// synchronous source, so that network I/O never blocks a thread.
///
/// The cache holds at most ``capacity`` certificates; when it is full, the oldest response is dropped.
public final class OCSPResponseCache: Sendable {
    /// A synchronous source: the certificate and the current time in, a response (or none) out.
    public typealias Source = @Sendable (TelematikCertificate, Date) -> OCSPResponse?
    /// An asynchronous source, such as an OCSP client: the certificate and the current time in, a response (or none) out.
    public typealias AsyncSource = @Sendable (TelematikCertificate, Date) async -> OCSPResponse?

    /// How long a response is handed out again after it was produced.
    public let refreshAfter: TimeInterval
    /// How many certificates the cache keeps.
    public let capacity: Int

    /// The synchronous source; nil for a cache over an asynchronous one.
    private let source: Source?
    private let fetch: AsyncSource
    private let entries = Mutex<[[UInt8]: OCSPResponse]>([:])

    /// Creates a cache in front of a synchronous `source`.
    /// - Parameters:
    ///   - refreshAfter: The age of a response (from its `producedAt`) after which the source is asked again.
    ///   - capacity: The number of certificates kept.
    ///   - source: Where fresh responses come from.
    public init(refreshAfter: TimeInterval = 3_600, capacity: Int = 10_000, source: @escaping Source) {
        precondition(capacity > 0, "an OCSP cache needs room for one certificate")
        self.refreshAfter = refreshAfter
        self.capacity = capacity
        self.source = source
        self.fetch = { certificate, now in source(certificate, now) }
    }

    /// Creates a cache in front of an asynchronous source, such as an OCSP client.
    /// - Parameters:
    ///   - refreshAfter: The age of a response (from its `producedAt`) after which the source is asked again.
    ///   - capacity: The number of certificates kept.
    ///   - fetch: Where fresh responses come from.
    public init(refreshAfter: TimeInterval = 3_600, capacity: Int = 10_000, fetch: @escaping AsyncSource) {
        precondition(capacity > 0, "an OCSP cache needs room for one certificate")
        self.refreshAfter = refreshAfter
        self.capacity = capacity
        self.source = nil
        self.fetch = fetch
    }

    /// The cached response for `certificate` if it is younger than ``refreshAfter`` at `now`, else a fresh one from the
    /// source, synchronous or not.
    public func response(for certificate: TelematikCertificate, now: Date) async -> OCSPResponse? {
        if let cached = self.cached(certificate, now: now) { return cached }
        return self.remember(await self.fetch(certificate, now), for: certificate)
    }

    /// The cached response for `certificate` if it is younger than ``refreshAfter`` at `now`, else a fresh one from the
    /// synchronous source.
    ///
    /// Only for a cache made with ``init(refreshAfter:capacity:source:)``; a cache over an asynchronous source stops
    /// here, because answering from the cache alone would hide a missing response.
    public func response(for certificate: TelematikCertificate, now: Date) -> OCSPResponse? {
        guard let source = self.source else {
            preconditionFailure("OCSPResponseCache: a cache over an asynchronous source is asked with `await`")
        }
        if let cached = self.cached(certificate, now: now) { return cached }
        return self.remember(source(certificate, now), for: certificate)
    }

    /// The cached response if it was produced less than ``refreshAfter`` before `now` (and not after `now`).
    private func cached(_ certificate: TelematikCertificate, now: Date) -> OCSPResponse? {
        guard let cached = self.entries.withLock({ $0[certificate.derEncoded] }), let basic = cached.basicResponse,
            now.timeIntervalSince(basic.producedAt) < self.refreshAfter, basic.producedAt <= now
        else { return nil }
        return cached
    }

    /// Keeps `fresh` when it is successful and every status is `good`, forgets the certificate otherwise; returns `fresh`.
    private func remember(_ fresh: OCSPResponse?, for certificate: TelematikCertificate) -> OCSPResponse? {
        guard let fresh else { return nil }
        let key = certificate.derEncoded
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

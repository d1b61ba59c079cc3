// SPDX-License-Identifier: Apache-2.0

import Foundation
import Synchronization
import TICrypto
import Testing

@Suite("OCSPResponseCache: responses reused while young, per certificate")
struct OCSPResponseCacheTests {
    static let start = Date(timeIntervalSince1970: 1_795_249_800)

    /// A source over the seeded PKI that counts its calls.
    final class CountingSource: Sendable {
        let pki: GeneratedPKI
        let calls = Mutex(0)

        init(_ pki: GeneratedPKI) { self.pki = pki }

        func response(for certificate: TelematikCertificate, now: Date) -> OCSPResponse? {
            self.calls.withLock { $0 += 1 }
            return self.pki.ocspResponse(for: certificate, now: now)
        }

        var count: Int { self.calls.withLock { $0 } }
    }

    @Test("a second request within refreshAfter is answered from the cache, with the same bytes")
    func reuse() throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache(refreshAfter: 3_600) { source.response(for: $0, now: $1) }
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        let first = try #require(cache.response(for: doctor, now: Self.start))
        let second = try #require(cache.response(for: doctor, now: Self.start.addingTimeInterval(3_599)))
        #expect(second.derEncoded == first.derEncoded)
        #expect(source.count == 1)
    }

    @Test("at refreshAfter the source is asked again, and the fresh response replaces the old one")
    func refresh() throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache(refreshAfter: 3_600) { source.response(for: $0, now: $1) }
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        let first = try #require(cache.response(for: doctor, now: Self.start))
        let later = Self.start.addingTimeInterval(3_600)
        let second = try #require(cache.response(for: doctor, now: later))
        #expect(source.count == 2)
        #expect(second.derEncoded != first.derEncoded)
        #expect(second.basicResponse?.producedAt == later)
        _ = cache.response(for: doctor, now: later.addingTimeInterval(1))
        #expect(source.count == 2)
    }

    @Test("a clock set back before the cached producedAt asks the source again")
    func clockBackwards() throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache { source.response(for: $0, now: $1) }
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        _ = cache.response(for: doctor, now: Self.start)
        _ = cache.response(for: doctor, now: Self.start.addingTimeInterval(-60))
        #expect(source.count == 2)
    }

    @Test("certificates are cached separately")
    func perCertificate() throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache { source.response(for: $0, now: $1) }
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        let pharmacy = try source.pki.identity(named: "pharmacy-a").certificate
        let forDoctor = try #require(cache.response(for: doctor, now: Self.start))
        let forPharmacy = try #require(cache.response(for: pharmacy, now: Self.start))
        #expect(forDoctor.derEncoded != forPharmacy.derEncoded)
        _ = cache.response(for: doctor, now: Self.start)
        _ = cache.response(for: pharmacy, now: Self.start)
        #expect(source.count == 2)
    }

    @Test("a revoked status is never cached: each request asks the source")
    func revokedNotCached() throws {
        var pki = try SeededPKI.get()
        _ = try pki.revoke("doctor-b", reason: .keyCompromise, at: Self.start.addingTimeInterval(-3_600))
        let source = CountingSource(pki)
        let cache = OCSPResponseCache { source.response(for: $0, now: $1) }
        let doctor = try pki.identity(named: "doctor-b").certificate
        let response = try #require(cache.response(for: doctor, now: Self.start))
        #expect(response.basicResponse?.responses.first?.status != .good)
        _ = cache.response(for: doctor, now: Self.start)
        #expect(source.count == 2)
    }

    @Test("no response from the source is passed on as nil and not remembered")
    func noResponse() throws {
        let pki = try SeededPKI.get()
        let calls = Mutex(0)
        let cache = OCSPResponseCache { _, _ in
            calls.withLock { $0 += 1 }
            return nil
        }
        let doctor = try pki.identity(named: "doctor-a").certificate
        #expect(cache.response(for: doctor, now: Self.start) == nil)
        #expect(cache.response(for: doctor, now: Self.start) == nil)
        #expect(calls.withLock { $0 } == 2)
    }

    @Test("a full cache drops the oldest response to make room")
    func capacity() throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache(refreshAfter: 86_400, capacity: 2) { source.response(for: $0, now: $1) }
        let a = try source.pki.identity(named: "doctor-a").certificate
        let b = try source.pki.identity(named: "doctor-b").certificate
        let c = try source.pki.identity(named: "pharmacy-a").certificate
        _ = cache.response(for: a, now: Self.start)
        _ = cache.response(for: b, now: Self.start.addingTimeInterval(1))
        _ = cache.response(for: c, now: Self.start.addingTimeInterval(2))  // drops a, the oldest
        #expect(source.count == 3)
        _ = cache.response(for: b, now: Self.start.addingTimeInterval(3))
        _ = cache.response(for: c, now: Self.start.addingTimeInterval(3))
        #expect(source.count == 3)
        _ = cache.response(for: a, now: Self.start.addingTimeInterval(3))
        #expect(source.count == 4)
    }

    @Test("an asynchronous source is awaited; its good response is reused, a missing one is asked for again")
    func asynchronousSource() async throws {
        let source = CountingSource(try SeededPKI.get())
        let answers = Mutex(true)
        let cache = OCSPResponseCache(
            refreshAfter: 3_600,
            fetch: { certificate, now in
                await Task.yield()
                return answers.withLock { $0 } ? source.response(for: certificate, now: now) : nil
            }
        )
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        let first = try #require(await cache.response(for: doctor, now: Self.start))
        #expect(await cache.response(for: doctor, now: Self.start.addingTimeInterval(3_599))?.derEncoded == first.derEncoded)
        #expect(source.count == 1)
        answers.withLock { $0 = false }
        #expect(await cache.response(for: doctor, now: Self.start.addingTimeInterval(3_600)) == nil)
        answers.withLock { $0 = true }
        #expect(
            await cache.response(for: doctor, now: Self.start.addingTimeInterval(3_601))?.basicResponse?.producedAt
                == Self.start.addingTimeInterval(3_601)
        )
        #expect(source.count == 2)
    }

    @Test("a cache over a synchronous source answers `await` callers from the same entries")
    func synchronousSourceAwaited() async throws {
        let source = CountingSource(try SeededPKI.get())
        let cache = OCSPResponseCache { source.response(for: $0, now: $1) }
        let doctor = try source.pki.identity(named: "doctor-a").certificate
        let synchronous = try #require(cache.response(for: doctor, now: Self.start))
        let awaited = try #require(await cache.response(for: doctor, now: Self.start.addingTimeInterval(1)))
        #expect(awaited.derEncoded == synchronous.derEncoded)
        #expect(source.count == 1)
    }
}

// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Synchronization

/// Verified callers by token string, each kept until the token's `exp`; thread-safe and bounded in size.
///
/// When full, expired entries are dropped first; if none has expired, the entries closest to expiry go, so the cache
/// never holds more than `capacity` tokens.
final class AccessTokenCache: Sendable {
    private let capacity: Int
    private let entries: Mutex<[String: Caller]>

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        self.entries = Mutex([:])
    }

    /// The caller of `token` if it was verified before and has not expired at `now`.
    func caller(for token: String, at now: Date) -> Caller? {
        self.entries.withLock { entries in
            guard let caller = entries[token] else { return nil }
            guard now <= caller.expiresAt else {
                entries[token] = nil
                return nil
            }
            return caller
        }
    }

    /// Remembers `caller` for `token` until `caller.expiresAt`.
    func insert(_ caller: Caller, for token: String, at now: Date) {
        guard self.capacity > 0 else { return }
        self.entries.withLock { entries in
            if entries[token] == nil && entries.count >= self.capacity {
                entries = entries.filter { now <= $0.value.expiresAt }
                if entries.count >= self.capacity {
                    // Evict a quarter of the entries, those expiring first, so eviction is not needed on every insert.
                    let surplus = max(1, self.capacity / 4)
                    let oldest = entries.sorted { $0.value.expiresAt < $1.value.expiresAt }.prefix(surplus)
                    for (key, _) in oldest { entries[key] = nil }
                }
            }
            entries[token] = caller
        }
    }

    /// The number of cached tokens.
    var count: Int { self.entries.withLock { $0.count } }
}

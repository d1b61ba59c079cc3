// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Synchronization

/// The request ids seen by the VAU channel, each kept until its token expires, so that a recorded envelope cannot be
/// sent again while its token is still accepted. Thread-safe and bounded in size.
///
/// When full, expired ids are dropped first; if none has expired, the ids whose tokens expire first go. The memory is
/// per process: instances behind one load balancer do not see each other's ids.
final class VAURequestIDCache: Sendable {
    private let capacity: Int
    private let entries: Mutex<[String: Date]>

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        self.entries = Mutex([:])
    }

    /// Records `requestID` until `expiry`.
    /// - Returns: `false` when the id was recorded before and has not expired at `now`: a replay.
    func register(_ requestID: String, until expiry: Date, now: Date) -> Bool {
        let key = requestID.lowercased()
        return self.entries.withLock { entries in
            if let known = entries[key], now <= known { return false }
            if entries[key] == nil && entries.count >= self.capacity {
                entries = entries.filter { now <= $0.value }
                if entries.count >= self.capacity {
                    let surplus = max(1, self.capacity / 4)
                    for (id, _) in entries.sorted(by: { $0.value < $1.value }).prefix(surplus) { entries[id] = nil }
                }
            }
            entries[key] = expiry
            return true
        }
    }
}

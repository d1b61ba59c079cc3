// SPDX-License-Identifier: Apache-2.0

internal import Crypto
public import Foundation
internal import Synchronization
public import Workflow
internal import _CryptoExtras

/// The user pseudonyms of the VAU channel (A_20163 steps 6-10; spec/ref-impl.md B.2): the AES-128-CMAC of the
/// token's `sub` under a random key held only in memory, as 32 lowercase hexadecimal characters.
///
/// The key is replaced once it is ``lifetime`` old (at most 10 days by the specification); the previous key is
/// kept for one more period so that pseudonyms made with it are still recognised as stale rather than unknown.
/// Pseudonyms carry no meaning for clients: whatever a client sends, it gets the current one back.
public final class UserPseudonyms: Sendable {
    /// What a pseudonym in a request path is.
    public enum Recognition: Sendable, Equatable {
        /// The caller's pseudonym under the current key.
        case current
        /// The caller's pseudonym under the previous key.
        case stale
        /// Anything else, such as the `0` of a first request.
        case unknown
    }

    private struct Keys {
        var current: SymmetricKey
        var currentSince: Date
        var previous: SymmetricKey?
    }

    /// How long a key is current.
    public let lifetime: TimeInterval
    private let clock: any WallClock
    private let keys: Mutex<Keys>

    /// Creates the pseudonyms with a fresh random key.
    /// - Parameters:
    ///   - lifetime: How long a key is current.
    ///   - clock: The source of the current time for the rotation.
    public init(lifetime: TimeInterval, clock: any WallClock) {
        self.lifetime = lifetime
        self.clock = clock
        self.keys = Mutex(Keys(current: SymmetricKey(size: .bits128), currentSince: clock.now, previous: nil))
    }

    /// The pseudonym of `subject` under the current key.
    public func pseudonym(forSubject subject: String) -> String {
        Self.mac(subject, key: self.currentKeys().current)
    }

    /// Whether `pseudonym` is the pseudonym of `subject` under the current key, the previous key, or neither.
    public func recognise(_ pseudonym: some StringProtocol, subject: String) -> Recognition {
        let keys = self.currentKeys()
        let sent = pseudonym.lowercased()
        if Self.mac(subject, key: keys.current) == sent { return .current }
        if let previous = keys.previous, Self.mac(subject, key: previous) == sent { return .stale }
        return .unknown
    }

    /// The keys at the clock's time, rotated first when the current key has served its lifetime.
    private func currentKeys() -> Keys {
        let now = self.clock.now
        return self.keys.withLock { keys in
            let age = now.timeIntervalSince(keys.currentSince)
            if age >= self.lifetime {
                // [REQ:gemSpec_FD_eRp:A_20163] a new CMAC key at least every 10 days; the last one stays recognisable
                // for one period only.
                keys.previous = age < 2 * self.lifetime ? keys.current : nil
                keys.current = SymmetricKey(size: .bits128)
                keys.currentSince = now
            }
            return keys
        }
    }

    private static func mac(_ subject: String, key: SymmetricKey) -> String {
        // The key is always 128 bits, which AES-CMAC accepts; the initialiser throws only for other sizes.
        guard var cmac = try? AES.CMAC(key: key) else { return "" }
        cmac.update(data: Array(subject.utf8))
        return VAUHex.encode(cmac.finalize().withUnsafeBytes { Array($0) })
    }
}

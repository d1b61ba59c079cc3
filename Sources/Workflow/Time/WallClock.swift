// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// The source of the current instant for workflow rules (expiry, signing day, timestamps); injected so that tests can
/// fix the time.
///
/// Named `WallClock` rather than `Clock` so that it does not shadow the standard library's `Clock` protocol in
/// modules that import `Workflow` together with code that uses `Swift.Clock` (Hummingbird, swift-service-lifecycle).
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The system's wall clock.
public struct SystemClock: WallClock {
    /// Creates the clock.
    public init() {}

    /// `Date()`.
    public var now: Date { Date() }
}

/// A clock that always answers the same instant.
public struct FixedClock: WallClock {
    /// The instant the clock answers.
    public var now: Date

    /// Creates a clock fixed at `now`.
    public init(_ now: Date) {
        self.now = now
    }
}

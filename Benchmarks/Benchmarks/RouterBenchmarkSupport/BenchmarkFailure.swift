// SPDX-License-Identifier: Apache-2.0

/// A benchmark's precondition that did not hold (an unexpected status, a missing value in a response).
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

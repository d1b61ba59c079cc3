// SPDX-License-Identifier: Apache-2.0

public import Hummingbird

/// The registered path patterns with their methods, to answer 405 instead of 404 when only the method is wrong
/// (spec/fd-api.md §9), and to recognise the public endpoints that need no access token.
public struct RouteTable: Sendable {
    private var entries: [(segments: [Substring], method: HTTPRequest.Method)] = []

    /// An empty table.
    public init() {}

    /// Adds `method` on the path pattern `path`.
    public mutating func add(_ method: HTTPRequest.Method, _ path: String) {
        self.entries.append((path.split(separator: "/"), method))
    }

    /// The methods registered for a concrete `path`; empty when no pattern matches it.
    public func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var methods: [HTTPRequest.Method] = []
        for entry in self.entries where Self.matches(entry.segments, segments) && !methods.contains(entry.method) {
            methods.append(entry.method)
        }
        return methods
    }

    /// Whether `method` on the concrete `path` matches a registered pattern.
    public func contains(_ method: HTTPRequest.Method, path: String) -> Bool {
        let segments = path.split(separator: "/")
        return self.entries.contains { $0.method == method && Self.matches($0.segments, segments) }
    }

    private static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        // A final `**` matches one or more remaining segments (Hummingbird's recursive wildcard).
        if pattern.last == "**" {
            guard segments.count >= pattern.count else { return false }
            return zip(pattern.dropLast(), segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

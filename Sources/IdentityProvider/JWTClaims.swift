// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import TICrypto

/// The claims of a JWT as a JSON object, with typed accessors.
struct JWTClaims: Sendable {
    var members: [String: JOSEValue]

    init(_ members: [String: JOSEValue] = [:]) {
        self.members = members
    }

    /// The claims in the UTF-8 JSON `payload`; nil unless it is a JSON object.
    init?(payload: some Collection<UInt8>) {
        guard let members = try? JSONDecoder().decode([String: JOSEValue].self, from: Data(payload)) else { return nil }
        self.members = members
    }

    subscript(name: String) -> JOSEValue? {
        get { self.members[name] }
        set { self.members[name] = newValue }
    }

    func string(_ name: String) -> String? { self.members[name]?.stringValue }

    func integer(_ name: String) -> Int64? { self.members[name]?.integerValue }

    /// Sets `name` to `value`, or removes it for nil.
    mutating func set(_ name: String, _ value: String?) {
        self.members[name] = value.map(JOSEValue.string)
    }

    /// Compact UTF-8 JSON with sorted keys and unescaped slashes.
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers, arrays and objects always encode.
        return Array((try? encoder.encode(self.members)) ?? Data("{}".utf8))
    }
}

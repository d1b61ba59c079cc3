// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import TICrypto

/// The claims of an access token payload with typed accessors (spec/ref-impl.md C.3).
struct AccessTokenClaims {
    let fields: [String: JOSEValue]

    init(payload: [UInt8]) throws(AccessTokenError) {
        guard let fields = try? JSONDecoder().decode([String: JOSEValue].self, from: Data(payload)) else {
            throw AccessTokenError(.malformed, reason: "the token payload is not a JSON object")
        }
        self.fields = fields
    }

    func string(_ name: String) throws(AccessTokenError) -> String {
        guard let value = self.fields[name]?.stringValue, !value.isEmpty else {
            throw AccessTokenError(.missingClaim, reason: "claim \(name) is missing or not a string")
        }
        return value
    }

    func optionalString(_ name: String) -> String? {
        guard let value = self.fields[name]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    func time(_ name: String) throws(AccessTokenError) -> Date {
        guard let value = self.optionalTime(name) else {
            throw AccessTokenError(.missingClaim, reason: "claim \(name) is missing or not a NumericDate")
        }
        return value
    }

    func optionalTime(_ name: String) -> Date? {
        switch self.fields[name] {
        case .integer(let seconds): Date(timeIntervalSince1970: TimeInterval(seconds))
        case .number(let seconds): Date(timeIntervalSince1970: seconds)
        default: nil
        }
    }
}

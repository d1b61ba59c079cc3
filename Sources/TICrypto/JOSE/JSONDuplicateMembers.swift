// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// Finds duplicate member names in JSON objects at any depth.
///
/// RFC 7515 §4 and RFC 7516 §4 require header names to be unique and parsers to reject duplicates or take the last
/// one; RFC 7517 §4 says the same for JWK members. Foundation's `JSONDecoder` silently keeps the first, so a header
/// `{"alg":"BP256R1","alg":"none"}` would mean one thing here and another to a last-wins parser. Duplicates are
/// therefore refused outright.
enum JSONDuplicateMembers {
    /// One open object or array.
    private struct Container {
        let isObject: Bool
        var names: Set<String> = []
        var expectsName: Bool
    }

    /// Whether `json`, which must already be known to be valid JSON, has an object with a repeated member name. Names
    /// are compared after unescaping, so `"a\u0062"` and `"ab"` are the same name.
    static func exist(in json: [UInt8]) -> Bool {
        var stack: [Container] = []
        var index = 0
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "{"):
                stack.append(Container(isObject: true, expectsName: true))
            case UInt8(ascii: "["):
                stack.append(Container(isObject: false, expectsName: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if let last = stack.indices.last, stack[last].isObject { stack[last].expectsName = true }
            case UInt8(ascii: "\""):
                let end = self.endOfString(in: json, openingQuote: index)
                if let last = stack.indices.last, stack[last].expectsName {
                    stack[last].expectsName = false
                    guard stack[last].names.insert(self.name(json[index...end])).inserted else { return true }
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// The index of the closing quote of the string that opens at `openingQuote` (or the last index if unterminated).
    private static func endOfString(in json: [UInt8], openingQuote: Int) -> Int {
        var index = openingQuote + 1
        while index < json.count, json[index] != UInt8(ascii: "\"") {
            index += json[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return min(index, json.count - 1)
    }

    /// The unescaped text of a quoted JSON string token.
    private static func name(_ token: ArraySlice<UInt8>) -> String {
        guard token.contains(UInt8(ascii: "\\")) else {
            return String(decoding: token.dropFirst().dropLast(), as: UTF8.self)
        }
        // Rare: let Foundation resolve the escapes (including surrogate pairs); fall back to the raw token.
        return (try? JSONDecoder().decode(String.self, from: Data(token))) ?? String(decoding: token, as: UTF8.self)
    }
}

// SPDX-License-Identifier: Apache-2.0

/// A Krankenversichertennummer (Versicherten-ID, `http://fhir.de/sid/gkv/kvid-10`): one upper-case letter and nine
/// digits, the last of which is a check digit (spec/fd-api.md §4.5). Values of this type always have a valid check digit.
public struct KVNR: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The naming system of KVNRs in FHIR identifiers (also for PKV insurants since DE-Basis 1.5).
    public static let system = "http://fhir.de/sid/gkv/kvid-10"

    /// The ten characters, e.g. `X110580065`.
    public let value: String

    /// Parses and validates a KVNR.
    /// - Parameter text: ten characters.
    /// - Throws: ``WorkflowError/Code/invalidKVNR`` on a wrong format or check digit.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        // A_23890-01: format and check digit are validated at $activate.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[0] >= UInt8(ascii: "A"), bytes[0] <= UInt8(ascii: "Z"),
            bytes[1...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw WorkflowError(.invalidKVNR, reason: "a KVNR is one upper-case letter followed by nine digits")
        }
        let digits = bytes[1...].map { Int($0 - UInt8(ascii: "0")) }
        guard Self.checkDigit(letter: bytes[0], digits: digits[0..<8]) == digits[8] else {
            throw WorkflowError(.invalidKVNR, reason: "KVNR \(text) has a wrong check digit")
        }
        self.value = String(decoding: bytes, as: UTF8.self)
    }

    /// The check digit of §290 SGB V Anlage 1 as spec/fd-api.md §4.5 describes it: the letter becomes its two-digit
    /// alphabet position (A = 01 … Z = 26); with the first eight digits this gives ten digits, weighted alternately
    /// 1, 2, 1, 2 …; products above 9 are replaced by their digit sum; the sum modulo 10 is the check digit.
    static func checkDigit(letter: UInt8, digits: ArraySlice<Int>) -> Int {
        let position = Int(letter - UInt8(ascii: "A")) + 1
        let all = [position / 10, position % 10] + digits
        var sum = 0
        for (index, digit) in all.enumerated() {
            let product = digit * (index.isMultiple(of: 2) ? 1 : 2)
            sum += product / 10 + product % 10
        }
        return sum % 10
    }

    /// The ten characters.
    public var description: String { self.value }

    /// Orders by the text.
    public static func < (lhs: KVNR, rhs: KVNR) -> Bool { lhs.value < rhs.value }
}

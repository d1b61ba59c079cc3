// SPDX-License-Identifier: Apache-2.0

/// A Pharmazentralnummer (`http://fhir.de/CodeSystem/ifa/pzn`): eight digits, the last of which is a check digit.
/// Values of this type always have a valid check digit.
public struct PZN: Hashable, Sendable, CustomStringConvertible {
    /// The code system of PZNs in FHIR codings.
    public static let system = "http://fhir.de/CodeSystem/ifa/pzn"

    /// The eight digits, e.g. `19205615`.
    public let value: String

    /// Parses and validates a PZN.
    /// - Parameter text: eight digits.
    /// - Throws: ``WorkflowError/Code/invalidPZN`` on a wrong format or check digit.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw WorkflowError(.invalidPZN, reason: Self.refusal)
        }
        let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
        // A remainder of 10 has no check digit: such numbers are never issued.
        guard let check = Self.checkDigit(digits[0..<7]), check == digits[7] else {
            throw WorkflowError(.invalidPZN, reason: Self.refusal)
        }
        self.value = String(decoding: bytes, as: UTF8.self)
    }

    /// The A_25992 answer text.
    static let refusal = "Ungültige PZN: Die übergebene Pharmazentralnummer entspricht nicht den vorgeschriebenen Prüfziffer-Validierungsregeln."

    /// The check digit of an eight-digit PZN (IFA, "Technische Hinweise zur PZN-Codierung"): the first seven digits
    /// weighted 1 … 7, the sum modulo 11; nil when that is 10.
    static func checkDigit(_ digits: ArraySlice<Int>) -> Int? {
        var sum = 0
        for (offset, digit) in digits.enumerated() { sum += digit * (offset + 1) }
        let check = sum % 11
        return check == 10 ? nil : check
    }

    /// The eight digits.
    public var description: String { self.value }
}

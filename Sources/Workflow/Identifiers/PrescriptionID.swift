// SPDX-License-Identifier: Apache-2.0

/// A PrescriptionID (Rezept-ID), which is also the `Task.id`: `aaa.bbb.bbb.bbb.bbb.cc` (spec/fd-api.md §4.1).
///
/// `aaa` is the flowtype code, the twelve `b` digits a sequence number and `cc` an ISO 7064 MOD 97-10 check number over
/// the fifteen digits before it. Values of this type always carry a correct check number.
///
/// ```swift
/// let id = try PrescriptionID("160.123.456.789.123.58")
/// let next = try PrescriptionID(flowtype: .pharmacyGKV, sequenceNumber: 33_491_280)  // 160.000.033.491.280.78
/// ```
public struct PrescriptionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The naming system of PrescriptionIDs in FHIR identifiers.
    public static let system = "https://gematik.de/fhir/erp/NamingSystem/GEM_ERP_NS_PrescriptionId"

    /// The largest sequence number: twelve decimal digits.
    public static let maximumSequenceNumber: UInt64 = 999_999_999_999

    /// The three-digit flowtype code in front, e.g. `"160"`; it need not be a known ``Flowtype``.
    public let flowtypeCode: String
    /// The twelve-digit sequence number.
    public let sequenceNumber: UInt64
    /// The two-digit check number (ISO 7064 MOD 97-10).
    public let checkNumber: UInt8

    /// Parses and validates a PrescriptionID read from outside.
    /// - Parameter text: the dotted form.
    /// - Throws: ``WorkflowError/Code/invalidPrescriptionID`` when the syntax or the check number is wrong.
    public init(_ text: some StringProtocol) throws(WorkflowError) {
        // A_19217-01: syntax ^[0-9]{3}\.[0-9]{3}\.[0-9]{3}\.[0-9]{3}\.[0-9]{3}\.[0-9]{2}$
        let bytes = Array(text.utf8)
        let dotPositions: Set<Int> = [3, 7, 11, 15, 19]
        guard bytes.count == 22 else {
            throw WorkflowError(.invalidPrescriptionID, reason: "PrescriptionID must have the form aaa.bbb.bbb.bbb.bbb.cc")
        }
        var digits: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if dotPositions.contains(index) {
                guard byte == UInt8(ascii: ".") else {
                    throw WorkflowError(.invalidPrescriptionID, reason: "PrescriptionID must have the form aaa.bbb.bbb.bbb.bbb.cc")
                }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                    throw WorkflowError(.invalidPrescriptionID, reason: "PrescriptionID must consist of digits and dots")
                }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
        }
        // A_19218: every system reading a PrescriptionID verifies the check number; ISO 7064 MOD 97-10 means the
        // whole seventeen-digit number is congruent to 1 modulo 97.
        guard digits % 97 == 1 else {
            throw WorkflowError(.invalidPrescriptionID, reason: "PrescriptionID \(text) has a wrong check number")
        }
        let withoutCheck = digits / 100
        self.flowtypeCode = String(decoding: bytes[0..<3], as: UTF8.self)
        self.sequenceNumber = withoutCheck % 1_000_000_000_000
        self.checkNumber = UInt8(digits % 100)
    }

    /// Generates the PrescriptionID for a flowtype and a sequence number (A_19019-01: generated at `$create`).
    /// - Parameters:
    ///   - flowtype: the flowtype of the task.
    ///   - sequenceNumber: a number unique for this flowtype for eleven years (A_23227), typically from a database
    ///     sequence; at most ``maximumSequenceNumber``.
    /// - Throws: ``WorkflowError/Code/sequenceNumberOutOfRange`` when the number has more than twelve digits.
    public init(flowtype: Flowtype, sequenceNumber: UInt64) throws(WorkflowError) {
        guard sequenceNumber <= Self.maximumSequenceNumber else {
            throw WorkflowError(.sequenceNumberOutOfRange, reason: "sequence number \(sequenceNumber) has more than 12 digits")
        }
        self.flowtypeCode = flowtype.code
        self.sequenceNumber = sequenceNumber
        self.checkNumber = Self.checkNumber(flowtype: flowtype, sequenceNumber: sequenceNumber)
    }

    /// The ISO 7064 MOD 97-10 check number of the fifteen digits `flowtype · 10¹² + sequenceNumber`:
    /// `98 − (N · 100 mod 97)` (spec/fd-api.md §4.1).
    static func checkNumber(flowtype: Flowtype, sequenceNumber: UInt64) -> UInt8 {
        let flowtypeValue = UInt64(flowtype.code) ?? 0
        let number = flowtypeValue * 1_000_000_000_000 + sequenceNumber
        return UInt8(98 - (number * 100) % 97)
    }

    /// The flowtype named by the prefix, or `nil` if the prefix is not a known flowtype code.
    public var flowtype: Flowtype? { Flowtype(rawValue: self.flowtypeCode) }

    /// The dotted form, e.g. `160.000.033.491.280.78`.
    public var description: String {
        // flowtype "." then the twelve sequence digits in groups of three, then "." and the two check digits.
        var bytes: [UInt8] = Array(self.flowtypeCode.utf8)
        bytes.reserveCapacity(22)
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 12)
        var remaining = self.sequenceNumber
        var position = 11
        while remaining > 0 && position >= 0 {
            digits[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
        for (index, digit) in digits.enumerated() {
            if index % 3 == 0 {
                bytes.append(UInt8(ascii: "."))
            }
            bytes.append(digit)
        }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(self.checkNumber / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(self.checkNumber % 10))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Orders by flowtype code, then sequence number.
    public static func < (lhs: PrescriptionID, rhs: PrescriptionID) -> Bool {
        (lhs.flowtypeCode, lhs.sequenceNumber) < (rhs.flowtypeCode, rhs.sequenceNumber)
    }
}

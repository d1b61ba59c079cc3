// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@testable import FHIR

/// The lexical rules and derived values of the primitive value types, against the R4 datatype definitions.
@Suite struct PrimitiveValueTests {
    @Test(arguments: [
        ("2024", DateTimeValue.Precision.year),
        ("2024-02", .month),
        ("2024-02-29", .day),
        ("2000-02-29", .day),
        ("2024-03-15T10:30:00+01:00", .second),
        ("2024-03-15T10:30:00.250Z", .second),
        ("2024-03-15T23:59:60-00:00", .second),
        ("2024-03-15T00:00:00+14:00", .second),
    ])
    func validDateTimes(lexical: String, precision: DateTimeValue.Precision) throws {
        let value = try #require(DateTimeValue(lexical: lexical))
        #expect(value.precision == precision)
        #expect(value.lexical == lexical)
    }

    @Test(arguments: [
        "24", "0000", "2023-02-29", "1900-02-29", "2024-13", "2024-00-10", "2024-04-31", "2024-1-05",
        "2024-03-15T10:30", "2024-03-15T10:30:00", "2024-03-15T24:00:00Z", "2024-03-15T10:30:00+14:30",
        "2024-03-15T10:30:00.Z", "2024-03-15T10:30:00+0100", "2024-03-15 10:30:00Z", "2024-03-15T10:30:00Z ",
    ])
    func invalidDateTimes(lexical: String) {
        #expect(DateTimeValue(lexical: lexical) == nil)
    }

    @Test func componentsAndInstant() throws {
        let value = try #require(DateTimeValue(lexical: "2024-03-15T10:30:05.250+01:00"))
        #expect(value.year == 2024 && value.month == 3 && value.day == 15)
        #expect(value.hour == 10 && value.minute == 30 && value.second == 5)
        #expect(value.fraction == "250")
        #expect(value.utcOffsetMinutes == 60)
        let utc = try #require(DateTimeValue(lexical: "2024-03-15T09:30:05.25Z"))
        #expect(try #require(value.date).timeIntervalSince(try #require(utc.date)) == 0)
        // Equal instants written differently stay different values: the lexical form is what round-trips.
        #expect(value != utc)
        #expect(DateTimeValue(lexical: "2024-03-15")?.date == nil)
        #expect(DateTimeValue(lexical: "2024-03-15T10:30:00-05:30")?.utcOffsetMinutes == -330)
    }

    @Test func precisionOfTheDateTypes() {
        let day = DateTimeValue(lexical: "2024-03-15")!
        let instant = DateTimeValue(lexical: "2024-03-15T10:30:00Z")!
        #expect(FHIRDate.accepts(day) && !FHIRDate.accepts(instant))
        #expect(FHIRInstant.accepts(instant) && !FHIRInstant.accepts(day))
        #expect(FHIRDateTime.accepts(day) && FHIRDateTime.accepts(instant))
    }

    @Test func times() throws {
        let time = try #require(TimeValue(lexical: "23:59:60.5"))
        #expect(time.hour == 23 && time.minute == 59 && time.second == 60 && time.fraction == "5")
        for invalid in ["24:00:00", "12:60:00", "12:00", "12:00:00Z", "1:00:00", "12:00:00."] {
            #expect(TimeValue(lexical: invalid) == nil, "\(invalid)")
        }
    }

    @Test func decimalsKeepTheirLexicalForm() throws {
        for lexical in ["0", "-0", "1.50", "-0.001", "100", "1e3", "1E-7", "3.14159265358979323846264338327950288"] {
            #expect(DecimalValue(lexical: lexical)?.lexical == lexical, "\(lexical)")
        }
        for invalid in ["01", "1.", ".5", "+1", "1e", "1e+", "1.5.5", "NaN", "1 ", ""] {
            #expect(DecimalValue(lexical: invalid) == nil, "\(invalid)")
        }
        #expect(try #require(DecimalValue(lexical: "1.50")).decimal == Decimal(string: "1.5"))
        #expect(try #require(DecimalValue(lexical: "1e3")).decimal == 1000)
        #expect(DecimalValue(lexical: "1.50") != DecimalValue(lexical: "1.5"))
    }

    @Test func integerRanges() throws {
        func integer<Kind: FHIRPrimitiveCoding>(_ kind: Kind.Type, _ lexical: String) -> Kind.Value? {
            try? Kind.decode(.number(lexical), format: .json)
        }
        #expect(integer(FHIRInteger.self, "2147483647") == 2_147_483_647)
        #expect(integer(FHIRInteger.self, "-2147483648") == -2_147_483_648)
        #expect(integer(FHIRInteger.self, "2147483648") == nil)
        #expect(integer(FHIRInteger.self, "-0") == nil)
        #expect(integer(FHIRInteger.self, "1.0") == nil)
        #expect(integer(FHIRUnsignedInt.self, "0") == 0)
        #expect(integer(FHIRUnsignedInt.self, "-1") == nil)
        #expect(integer(FHIRPositiveInt.self, "0") == nil)
        #expect(integer(FHIRPositiveInt.self, "1") == 1)
    }

    @Test func stringRules() {
        #expect(FHIRCode.isValid("in-progress") && FHIRCode.isValid("a b"))
        #expect(!FHIRCode.isValid(" a") && !FHIRCode.isValid("a ") && !FHIRCode.isValid("a  b") && !FHIRCode.isValid("a\tb"))
        #expect(FHIRID.isValid(String(repeating: "a", count: 64)) && !FHIRID.isValid(String(repeating: "a", count: 65)))
        #expect(!FHIRID.isValid("a_b"))
        #expect(FHIROID.isValid("urn:oid:1.2.276.0.76.4.30"))
        #expect(!FHIROID.isValid("urn:oid:3.1") && !FHIROID.isValid("urn:oid:1.02") && !FHIROID.isValid("urn:oid:1"))
        #expect(FHIRUUID.isValid("urn:uuid:a19a1bf7-8d01-4d9e-8134-7e0cfac324ad"))
        #expect(!FHIRUUID.isValid("urn:uuid:A19A1BF7-8D01-4D9E-8134-7E0CFAC324AD"))
        #expect(FHIRBase64Binary.isValid("SGFsbG8=") && FHIRBase64Binary.isValid("SGFs\nbG8="))
        #expect(!FHIRBase64Binary.isValid("SGFsbG8") && !FHIRBase64Binary.isValid("SG=sbG8=") && !FHIRBase64Binary.isValid("SGFsbG8=="))
        #expect(throws: FHIRDecodingError(.invalidValue, "")) { try FHIRString.decode(.string("a\u{01}b"), format: .json) }
    }
}

// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

@Suite("OID")
struct OIDTests {
    @Test("Dotted form parses and prints back")
    func dotted() throws {
        let oid = try #require(OID(dotted: "1.2.276.0.76.4.30"))
        #expect(oid.arcs == [1, 2, 276, 0, 76, 4, 30])
        #expect(oid.description == "1.2.276.0.76.4.30")
        #expect(oid == TelematikOID.arzt)
        #expect(OID(dotted: "2.999.18446744073709551615")?.arcs.last == UInt.max)
    }

    @Test(
        "Invalid dotted forms are nil",
        arguments: [
            "", "1", ".1.2", "1.2.", "1..2", "1.2.a", "-1.2", "3.1", "1.40", "0.40", "1.+2", " 1.2", "1.2.18446744073709551616",
        ]
    )
    func invalid(text: String) {
        #expect(OID(dotted: text) == nil)
    }

    @Test("Ordering is numeric per arc")
    func ordering() {
        #expect(OID(dotted: "1.2.9")! < OID(dotted: "1.2.10")!)
        #expect(OID(dotted: "1.2")! < OID(dotted: "1.2.0")!)
        #expect([TelematikOID.zahnarzt, TelematikOID.arzt].sorted() == [TelematikOID.arzt, TelematikOID.zahnarzt])
    }

    @Test("Names of confirmed telematics OIDs")
    func names() {
        #expect(TelematikOID.name(of: TelematikOID.arzt) == "oid_arzt")
        #expect(TelematikOID.name(of: TelematikOID.erpVAU) == "oid_erp-vau")
        #expect(TelematikOID.name(of: "1.2.3") == nil)
    }
}

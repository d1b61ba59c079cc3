// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing
import Workflow

struct RoleTests {
    @Test(
        "spec/fd-api.md §3 role sets",
        arguments: [
            ("1.2.276.0.76.4.50", Role.prescriber),  // oid_praxis_arzt
            ("1.2.276.0.76.4.51", .prescriber),  // oid_zahnarztpraxis
            ("1.2.276.0.76.4.52", .prescriber),  // oid_praxis_psychotherapeut
            ("1.2.276.0.76.4.53", .prescriber),  // oid_krankenhaus
            ("1.2.276.0.76.4.257", .prescriber),  // oid_institution-vorsorge-reha
            ("1.2.276.0.76.4.54", .pharmacy),  // oid_oeffentliche_apotheke
            ("1.2.276.0.76.4.55", .pharmacy),  // oid_krankenhausapotheke
            ("1.2.276.0.76.4.49", .insurant),  // oid_versicherter
            ("1.2.276.0.76.4.59", .payer),  // oid_kostentraeger
        ]
    )
    func roleSets(oid: String, role: Role) {
        #expect(Role(professionOID: OID(dotted: oid)!) == role)
    }

    @Test(
        "OIDs outside the role sets have no role",
        arguments: ["1.2.276.0.76.4.30", "1.2.276.0.76.4.31", "1.2.276.0.76.4.32", "1.2.276.0.76.4.56", "1.2.276.0.76.4.258", "1.2.3"]
    )
    func noRole(oid: String) {
        #expect(Role(professionOID: OID(dotted: oid)!) == nil)
    }

    @Test("each role lists its OIDs")
    func oidsPerRole() {
        #expect(Role.prescriber.professionOIDs.count == 5)
        #expect(Role.pharmacy.professionOIDs == [TelematikOID.oeffentlicheApotheke, TelematikOID.krankenhausapotheke])
        #expect(Role.insurant.professionOIDs == [TelematikOID.versicherter])
        #expect(Role.payer.professionOIDs == [TelematikOID.kostentraeger])
        #expect(Set(Role.assignments.map(\.oid)).count == Role.assignments.count)
    }
}

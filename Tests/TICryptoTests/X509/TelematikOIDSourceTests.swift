// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Checks the ``TelematikOID`` constants against the gematik CodeSystems in the shared FHIR packages
/// (`../shared/fhir-packages/de.gematik.terminology#1.0.9`), when that folder is present beside the repository.
@Suite("TelematikOID against the gematik terminology package", .enabled(if: TerminologyPackage.exists))
struct TelematikOIDSourceTests {

    /// code → display of a CodeSystem file inside the package.
    private func concepts(_ file: String, in directory: URL) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["-xzf", TerminologyPackage.url.path, "-C", directory.path, "package/\(file)"]
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: directory.appendingPathComponent("package/\(file)"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try #require(json["concept"] as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: list.compactMap { concept in
                (concept["code"] as? String).map { ($0, concept["display"] as? String ?? "") }
            }
        )
    }

    @Test("Profession and institution OIDs are the codes with the expected displays")
    func codeSystems() throws {
        try withTemporaryDirectory { directory in
            let persons = try concepts("CodeSystem-ti-practitioner-profession-oid-cs.json", in: directory)
            let institutions = try concepts("CodeSystem-ti-organization-profession-type-oid-cs.json", in: directory)
            let expectedPersons: [(OID, String)] = [
                (TelematikOID.arzt, "Ärztin/Arzt"), (TelematikOID.zahnarzt, "Zahnärztin/Zahnarzt"),
                (TelematikOID.apotheker, "Apotheker/-in"), (TelematikOID.apothekerassistent, "Apothekerassistent/-in"),
                (TelematikOID.pharmazieingenieur, "Pharmazieingenieur/-in"),
                (TelematikOID.pharmazeutischTechnischerAssistent, "pharmazeutisch-technische/-r Assistent/-in"),
                (TelematikOID.apothekenassistent, "Apothekenassistent/-in"), (TelematikOID.psychotherapeut, "Psychotherapeut/-in"),
                (TelematikOID.psychologischerPsychotherapeut, "Psychologische/-r Psychotherapeut/-in"),
                (TelematikOID.kinderUndJugendlichenPsychotherapeut, "Kinder- und Jugendlichenpsychotherapeut/-in"),
                (TelematikOID.versicherter, "Versicherte/-r"),
            ]
            for (oid, display) in expectedPersons { #expect(persons[oid.dotted] == display, "\(oid)") }
            let expectedInstitutions: [(OID, String)] = [
                (TelematikOID.praxisArzt, "Betriebsstätte Arzt"), (TelematikOID.zahnarztpraxis, "Zahnarztpraxis"),
                (TelematikOID.praxisPsychotherapeut, "Betriebsstätte Psychotherapeut"), (TelematikOID.krankenhaus, "Krankenhaus"),
                (TelematikOID.oeffentlicheApotheke, "Öffentliche Apotheke"), (TelematikOID.krankenhausapotheke, "Krankenhausapotheke"),
                (TelematikOID.bundeswehrapotheke, "Bundeswehrapotheke"), (TelematikOID.kostentraeger, "Betriebsstätte Kostenträger"),
                (TelematikOID.institutionVorsorgeReha, "Betriebsstätte Vorsorge- und Rehabilitation"),
            ]
            for (oid, display) in expectedInstitutions { #expect(institutions[oid.dotted] == display, "\(oid)") }
        }
    }
}

/// `shared/fhir-packages/de.gematik.terminology#1.0.9/package.tgz` beside the repository.
enum TerminologyPackage {
    static let url = SharedFolder.url("fhir-packages/de.gematik.terminology#1.0.9/package.tgz")

    static var exists: Bool {
        FileManager.default.fileExists(atPath: url.path) && FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")
    }
}

// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// The name of the root CA.
    public static let rootName = "root-ca"

    /// The identities ``generate(seed:ocspURL:now:)`` creates below the root, with the name of their issuing CA, in
    /// issuing order. The table in docs/test-pki.md lists the same values.
    public static let catalog: [(profile: Profile, issuer: String)] = [
        (.ca(name: "hba-ca", unit: "HBA-qCA der Test-PKI", commonName: "ERP-TEST.HBA-qCA1 TEST-ONLY"), rootName),
        (.ca(name: "smcb-ca", unit: "SMC-B-CA der Test-PKI", commonName: "ERP-TEST.SMCB-CA1 TEST-ONLY"), rootName),
        (.ca(name: "egk-ca", unit: "eGK-CA der Test-PKI", commonName: "ERP-TEST.EGK-CA1 TEST-ONLY"), rootName),
        (.ca(name: "komp-ca", unit: "Komponenten-CA der Test-PKI", commonName: "ERP-TEST.KOMP-CA1 TEST-ONLY"), rootName),
        (
            .hba(
                name: "doctor-a",
                displayName: "Dr. med. Anna Arzt",
                title: "Dr. med.",
                givenName: "Anna",
                surname: "Arzt",
                professionItem: "Ärztin/Arzt",
                professionOID: TelematikOID.arzt,
                telematikID: "1-HBA-Testkarte-883110000900001"
            ), "hba-ca"
        ),
        (
            .hba(
                name: "doctor-b",
                displayName: "Dr. med. Bernd Doktor",
                title: "Dr. med.",
                givenName: "Bernd",
                surname: "Doktor",
                professionItem: "Ärztin/Arzt",
                professionOID: TelematikOID.arzt,
                telematikID: "1-HBA-Testkarte-883110000900002"
            ), "hba-ca"
        ),
        (
            .hba(
                name: "dentist",
                displayName: "Dr. med. dent. Clara Zahn",
                title: "Dr. med. dent.",
                givenName: "Clara",
                surname: "Zahn",
                professionItem: "Zahnärztin/Zahnarzt",
                professionOID: TelematikOID.zahnarzt,
                telematikID: "2-HBA-Testkarte-883110000900003"
            ), "hba-ca"
        ),
        (
            .smcb(
                name: "practice-a",
                organization: "Praxis Dr. med. Anna Arzt",
                professionItem: "Betriebsstätte Arzt",
                professionOID: TelematikOID.praxisArzt,
                telematikID: "1-SMC-B-Testkarte-883110000900011"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "practice-b",
                organization: "Praxis Dr. med. Bernd Doktor",
                professionItem: "Betriebsstätte Arzt",
                professionOID: TelematikOID.praxisArzt,
                telematikID: "1-SMC-B-Testkarte-883110000900012"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "dental-practice",
                organization: "Zahnarztpraxis Dr. Clara Zahn",
                professionItem: "Zahnarztpraxis",
                professionOID: TelematikOID.zahnarztpraxis,
                telematikID: "2-SMC-B-Testkarte-883110000900013"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "hospital",
                organization: "Klinikum Musterstadt",
                professionItem: "Krankenhaus",
                professionOID: TelematikOID.krankenhaus,
                telematikID: "5-SMC-B-Testkarte-883110000900014"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "pharmacy-a",
                organization: "Adler-Apotheke",
                professionItem: "Öffentliche Apotheke",
                professionOID: TelematikOID.oeffentlicheApotheke,
                telematikID: "3-SMC-B-Testkarte-883110000116873"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "pharmacy-b",
                organization: "Bären-Apotheke",
                professionItem: "Öffentliche Apotheke",
                professionOID: TelematikOID.oeffentlicheApotheke,
                telematikID: "3-SMC-B-Testkarte-883110000129070"
            ), "smcb-ca"
        ),
        (
            .smcb(
                name: "payer",
                organization: "Test-Krankenkasse",
                professionItem: "Betriebsstätte Kostenträger",
                professionOID: TelematikOID.kostentraeger,
                telematikID: "8-SMC-B-Testkarte-883110000900015"
            ), "smcb-ca"
        ),
        (
            .egk(
                name: "insurant-a",
                givenName: "Erika",
                surname: "Mustermann",
                kvnr: "K030182229",
                insurance: .gkv,
                insurerName: "Test-Krankenkasse",
                insurerIK: "109500969"
            ), "egk-ca"
        ),
        (
            .egk(
                name: "insurant-b",
                givenName: "Max",
                surname: "Mustermann",
                kvnr: "K220635158",
                insurance: .gkv,
                insurerName: "Test-Krankenkasse",
                insurerIK: "109500969"
            ), "egk-ca"
        ),
        (
            .egk(
                name: "insurant-pkv",
                givenName: "Paula",
                surname: "Privat",
                kvnr: "P123464117",
                insurance: .pkv,
                insurerName: "Test-Privatversicherung AG",
                insurerIK: "168141347"
            ), "egk-ca"
        ),
        (
            .service(
                name: "fd-sig",
                kind: .fdSig,
                displayName: "E-Rezept-Fachdienst (Signatur)",
                commonName: "erp-fd-sig TEST-ONLY",
                keyUsage: .digitalSignature,
                professionItem: "E-Rezept",
                professionOID: TelematikOID.erezept,
                telematikID: "9-E-Rezept-Fachdienst-Test",
                dnsName: "erp.test-pki.invalid"
            ), "komp-ca"
        ),
        (
            .service(
                name: "fd-enc",
                kind: .fdEnc,
                displayName: "E-Rezept-Fachdienst (VAU)",
                commonName: "erp-fd-enc TEST-ONLY",
                keyUsage: .keyAgreement,
                professionItem: "E-Rezept vertrauenswürdige Ausführungsumgebung",
                professionOID: TelematikOID.erpVAU,
                telematikID: "9-E-Rezept-Fachdienst-Test",
                dnsName: "erp.test-pki.invalid"
            ), "komp-ca"
        ),
        (
            .service(
                name: "idp-sig",
                kind: .idpSig,
                displayName: "Identity Provider (Token-Signatur)",
                commonName: "idp-sig TEST-ONLY",
                keyUsage: .digitalSignature,
                professionItem: "IDP-Dienst",
                professionOID: TelematikOID.idpd,
                telematikID: "9-IDP-Dienst-Test",
                dnsName: "idp.test-pki.invalid"
            ), "komp-ca"
        ),
        (.ocspResponder(name: "ocsp", commonName: "ERP-TEST.OCSP-Responder TEST-ONLY"), "komp-ca"),
    ]
}

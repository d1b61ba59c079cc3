// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

@Suite("CertificateBuilder: v3 certificates in DER, read back by TelematikCertificate and openssl")
struct CertificateBuilderTests {
    /// A root, an intermediate and a leaf with every supported extension, all keys on one curve.
    struct Chain {
        let root: TelematikCertificate
        let intermediate: TelematikCertificate
        let leaf: TelematikCertificate
        let leafKey: CertificatePublicKey
        let intermediateKey: CertificatePublicKey
    }

    enum Curve: String, CaseIterable, Sendable {
        case brainpoolP256r1
        case p256

        func makeKey() throws -> SigningKey {
            switch self {
            case .brainpoolP256r1: .brainpoolP256r1(try BrainpoolP256r1.Signing.PrivateKey())
            case .p256: .p256(try P256.Signing.PrivateKey())
            }
        }

        var curveOID: OID { self == .p256 ? TelematikOID.prime256v1 : TelematikOID.brainpoolP256r1 }
    }

    static let notBefore = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
    static let farFuture = Date(timeIntervalSince1970: 2_556_143_999)  // 2050-12-31T23:59:59Z
    static let rootName = DistinguishedName(organization: "Builder Test", organizationalUnits: ["Root"], commonName: "Builder Root")
    static let caName = DistinguishedName(organization: "Builder Test", organizationalUnits: ["CA", "Zweite Einheit"], commonName: "Builder CA")
    static let leafName = DistinguishedName(
        organization: "Praxis Müller",
        organizationalUnits: ["Abteilung 1"],
        title: "Dr. med.",
        givenName: "Jürgen",
        surname: "Müller",
        serialNumber: "80276883110000900001",
        commonName: "Dr. med. Jürgen Müller"
    )
    static let admission = Admission(
        admissionAuthority: nil,
        contentsOfAdmissions: [
            Admission.Admissions(
                admissionAuthority: nil,
                namingAuthority: nil,
                professionInfos: [
                    Admission.ProfessionInfo(
                        professionItems: ["Ärztin/Arzt"],
                        professionOIDs: [TelematikOID.arzt],
                        registrationNumber: "1-HBA-Testkarte-883110000900001"
                    )
                ]
            )
        ]
    )

    static func makeChain(_ curve: Curve, leafNotAfter: Date = farFuture) throws -> Chain {
        let rootKey = try curve.makeKey()
        let caKey = try curve.makeKey()
        let leafKey = try curve.makeKey()
        let root = try CertificateBuilder(
            serialNumber: [0x01],
            issuer: rootName,
            subject: rootName,
            notBefore: notBefore,
            notAfter: Date(timeIntervalSince1970: 2_682_374_400),  // 2055-01-01
            publicKey: rootKey.publicKey,
            extensions: [
                try .basicConstraints(isCA: true, pathLengthConstraint: 1),
                try .keyUsage([.keyCertSign, .cRLSign]),
                try .subjectKeyIdentifier(rootKey.publicKey.keyIdentifier),
            ]
        ).sign(with: rootKey)
        var caBuilder = CertificateBuilder(
            serialNumber: [0x80, 0x00, 0x00, 0x01],
            issuer: rootName,
            subject: caName,
            notBefore: notBefore,
            notAfter: Date(timeIntervalSince1970: 2_524_608_000),  // 2050-01-01
            publicKey: caKey.publicKey,
            extensions: [
                try .basicConstraints(isCA: true, pathLengthConstraint: 0),
                try .keyUsage([.keyCertSign, .cRLSign]),
                try .subjectKeyIdentifier(caKey.publicKey.keyIdentifier),
                try .authorityKeyIdentifier(rootKey.publicKey.keyIdentifier),
            ]
        )
        caBuilder.issue(by: root)
        let intermediate = try caBuilder.sign(with: rootKey)
        let leaf = try CertificateBuilder(
            serialNumber: Array(repeating: 0x7F, count: 20),
            issuer: caName,
            subject: leafName,
            notBefore: notBefore,
            notAfter: leafNotAfter,
            publicKey: leafKey.publicKey,
            extensions: [
                try .basicConstraints(isCA: false),
                try .keyUsage([.digitalSignature, .nonRepudiation, .keyAgreement, .decipherOnly]),
                try .extendedKeyUsage([CertificateExtension.clientAuth, CertificateExtension.ocspSigning]),
                try .subjectKeyIdentifier(leafKey.publicKey.keyIdentifier),
                try .authorityKeyIdentifier(caKey.publicKey.keyIdentifier),
                try .certificatePolicies([TelematikOID.hbaQES, "1.2.276.0.76.4.163"]),
                try .authorityInformationAccess(ocspURLs: ["http://ocsp.test.invalid/ocsp"], caIssuersURLs: ["http://ca.test.invalid/ca.der"]),
                try .subjectAlternativeNames([
                    .dns("praxis.test.invalid"), .email("arzt@praxis.test.invalid"), .uri("https://praxis.test.invalid/"),
                    .ipAddress([192, 0, 2, 1]), .registeredID("1.2.3.4"), .directoryName(DistinguishedName(commonName: "Alias")),
                ]),
                try .admission(admission),
            ]
        ).sign(with: caKey, deterministic: false)
        return Chain(root: root, intermediate: intermediate, leaf: leaf, leafKey: leafKey.publicKey, intermediateKey: caKey.publicKey)
    }

    @Test("every field reads back through TelematikCertificate", arguments: Curve.allCases)
    func roundTrip(curve: Curve) throws {
        let chain = try Self.makeChain(curve)
        let leaf = chain.leaf
        #expect(leaf.version == 3)
        #expect(leaf.serialNumber == Array(repeating: 0x7F, count: 20))
        #expect(chain.intermediate.serialNumber == [0x00, 0x80, 0x00, 0x00, 0x01])
        #expect(leaf.signatureAlgorithm == TelematikOID.ecdsaWithSHA256)
        #expect(leaf.issuer == Self.caName)
        #expect(leaf.issuerDER == chain.intermediate.subjectDER)
        #expect(chain.intermediate.issuerDER == chain.root.subjectDER)
        #expect(leaf.subject == Self.leafName)
        #expect(leaf.subject.givenName == "Jürgen")
        #expect(leaf.subject.surname == "Müller")
        #expect(leaf.subject.first(DistinguishedName.AttributeType.title) == "Dr. med.")
        #expect(chain.intermediate.subject.organizationalUnitNames == ["CA", "Zweite Einheit"])
        #expect(leaf.notBefore == Self.notBefore)
        #expect(leaf.notAfter == Self.farFuture)
        #expect(leaf.subjectPublicKeyInfo.derEncoded == chain.leafKey.derRepresentation)
        #expect(leaf.subjectPublicKeyInfo.namedCurve == curve.curveOID)
        #expect(leaf.basicConstraints == BasicConstraints(isCA: false, pathLengthConstraint: nil))
        #expect(chain.root.basicConstraints == BasicConstraints(isCA: true, pathLengthConstraint: 1))
        #expect(chain.intermediate.basicConstraints == BasicConstraints(isCA: true, pathLengthConstraint: 0))
        #expect(leaf.keyUsage == [.digitalSignature, .nonRepudiation, .keyAgreement, .decipherOnly])
        #expect(chain.root.keyUsage == [.keyCertSign, .cRLSign])
        #expect(leaf.extendedKeyUsage == [CertificateExtension.clientAuth, CertificateExtension.ocspSigning])
        #expect(leaf.subjectKeyIdentifier == chain.leafKey.keyIdentifier)
        #expect(leaf.authorityKeyIdentifier == chain.intermediate.subjectKeyIdentifier)
        #expect(leaf.certificatePolicies == [TelematikOID.hbaQES, "1.2.276.0.76.4.163"])
        #expect(leaf.ocspURLs == ["http://ocsp.test.invalid/ocsp"])
        #expect(leaf.caIssuersURLs == ["http://ca.test.invalid/ca.der"])
        #expect(
            leaf.subjectAlternativeNames == [
                .dns("praxis.test.invalid"), .email("arzt@praxis.test.invalid"), .uri("https://praxis.test.invalid/"),
                .ipAddress([192, 0, 2, 1]), .registeredID("1.2.3.4"), .directoryName(DistinguishedName(commonName: "Alias")),
            ]
        )
        #expect(leaf.admission == Self.admission)
        #expect(leaf.professionOIDs == [TelematikOID.arzt])
        #expect(leaf.telematikID == "1-HBA-Testkarte-883110000900001")
        #expect(leaf.unhandledCriticalExtensions.isEmpty)
        #expect(leaf.extension(CertificateExtension.keyUsage)?.isCritical == true)
        #expect(leaf.extension(CertificateExtension.basicConstraints)?.isCritical == true)
        #expect(leaf.extension(CertificateExtension.admission)?.isCritical == false)
    }

    @Test("signatures verify: the issuer's key over tbsCertificate", arguments: Curve.allCases)
    func signatureVerifies(curve: Curve) throws {
        let chain = try Self.makeChain(curve)
        let signature = try ECDSASignature(derRepresentation: chain.leaf.signatureValue)
        switch chain.intermediateKey {
        case .brainpoolP256r1(let key): #expect(key.isValidSignature(signature, for: chain.leaf.tbsCertificateDER))
        case .p256(let key): #expect(key.isValidSignature(signature, for: chain.leaf.tbsCertificateDER))
        }
    }

    @Test("openssl prints every certificate and verifies the leaf against root and intermediate", arguments: Curve.allCases)
    func openssl(curve: Curve) throws {
        let chain = try Self.makeChain(curve)
        let text = try BuiltCertificateFiles.text(chain.leaf)
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("Digital Signature, Non Repudiation, Key Agreement, Decipher Only"))
        #expect(text.contains("TLS Web Client Authentication, OCSP Signing"))
        #expect(text.contains("OCSP - URI:http://ocsp.test.invalid/ocsp"))
        #expect(text.contains("DNS:praxis.test.invalid"))
        #expect(text.contains("Policy: 1.2.276.0.76.4.72"))
        #expect(text.contains("GMT"))
        for certificate in [chain.root, chain.intermediate] { _ = try BuiltCertificateFiles.text(certificate) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("builder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try BuiltCertificateFiles.write(["root": chain.root, "ca": chain.intermediate, "leaf": chain.leaf], to: directory)
        let output = try BuiltCertificateFiles.verify(leaf: files["leaf"]!, root: files["root"]!, intermediate: files["ca"]!)
        #expect(output.contains(": OK"))
        try OpenSSLComparison.assertMatches(file: files["leaf"]!)
        try OpenSSLComparison.assertMatches(file: files["ca"]!)
    }

    @Test("validity: UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)")
    func timeEncoding() throws {
        let chain = try Self.makeChain(.brainpoolP256r1)
        // The leaf's notAfter (2050-12-31T23:59:59Z) must be a GeneralizedTime, its notBefore a UTCTime.
        let generalized: [UInt8] = [0x18, 0x0F] + Array("20501231235959Z".utf8)
        let utc: [UInt8] = [0x17, 0x0D] + Array("250101000000Z".utf8)
        #expect(chain.leaf.tbsCertificateDER.firstRange(of: generalized) != nil)
        #expect(chain.leaf.tbsCertificateDER.firstRange(of: utc) != nil)
        // 2049-12-31T23:59:59Z is the last UTCTime.
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let certificate = try CertificateBuilder(
            serialNumber: [0x05],
            issuer: Self.rootName,
            subject: Self.rootName,
            notBefore: Self.notBefore,
            notAfter: Date(timeIntervalSince1970: 2_524_607_999),
            publicKey: .brainpoolP256r1(key.publicKey)
        ).sign(with: .brainpoolP256r1(key))
        #expect(certificate.tbsCertificateDER.firstRange(of: [0x17, 0x0D] + Array("491231235959Z".utf8)) != nil)
        #expect(certificate.notAfter == Date(timeIntervalSince1970: 2_524_607_999))
        #expect(certificate.extensions.isEmpty)
    }

    @Test("deterministic signing gives identical certificates; random signing does not")
    func determinism() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let builder = CertificateBuilder(
            serialNumber: [0x42],
            issuer: Self.rootName,
            subject: Self.rootName,
            notBefore: Self.notBefore,
            notAfter: Self.farFuture,
            publicKey: .brainpoolP256r1(key.publicKey),
            extensions: [try .basicConstraints(isCA: true)]
        )
        #expect(try builder.sign(with: .brainpoolP256r1(key)) == builder.sign(with: .brainpoolP256r1(key)))
        #expect(
            try builder.sign(with: .brainpoolP256r1(key), deterministic: false) != builder.sign(with: .brainpoolP256r1(key), deterministic: false)
        )
    }

    @Test("fields RFC 5280 forbids are refused with invalidCertificateField")
    func invalidFields() throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let valid = CertificateBuilder(
            serialNumber: [0x01],
            issuer: Self.rootName,
            subject: Self.rootName,
            notBefore: Self.notBefore,
            notAfter: Self.farFuture,
            publicKey: .brainpoolP256r1(key.publicKey)
        )
        let signer = SigningKey.brainpoolP256r1(key)
        var zeroSerial = valid
        zeroSerial.serialNumber = [0x00, 0x00]
        #expect(throws: TICryptoError(.invalidCertificateField)) { try zeroSerial.sign(with: signer) }
        var longSerial = valid
        longSerial.serialNumber = [0x80] + Array(repeating: 0x01, count: 19)
        #expect(throws: TICryptoError(.invalidCertificateField)) { try longSerial.sign(with: signer) }
        var reversed = valid
        reversed.notAfter = Self.notBefore.addingTimeInterval(-1)
        #expect(throws: TICryptoError(.invalidCertificateField)) { try reversed.sign(with: signer) }
        var duplicate = valid
        duplicate.extensions = [try .keyUsage(.digitalSignature), try .keyUsage(.nonRepudiation)]
        #expect(throws: TICryptoError(.invalidCertificateField)) { try duplicate.sign(with: signer) }
        var badCountry = valid
        badCountry.subject = DistinguishedName(country: "Ö")
        #expect(throws: TICryptoError(.invalidCertificateField)) { try badCountry.sign(with: signer) }
        #expect(throws: TICryptoError(.invalidCertificateField)) { try CertificateExtension.subjectAlternativeNames([]) }
        #expect(throws: TICryptoError(.invalidCertificateField)) { try CertificateExtension.subjectAlternativeNames([.dns("bücher.test")]) }
    }

    @Test("Admission with authorities, naming authorities and several profession infos round-trips")
    func admissionRoundTrip() throws {
        let naming = Admission.NamingAuthority(id: "1.2.276.0.76.3.1.91", url: "https://naming.test.invalid/", text: "Ärztekammer Test")
        let admission = Admission(
            admissionAuthority: .directoryName(DistinguishedName(organization: "Ärztekammer Berlin")),
            contentsOfAdmissions: [
                Admission.Admissions(
                    admissionAuthority: .uri("https://kammer.test.invalid/"),
                    namingAuthority: naming,
                    professionInfos: [
                        Admission.ProfessionInfo(
                            namingAuthority: naming,
                            professionItems: ["Ärztin/Arzt", "Zahnärztin/Zahnarzt"],
                            professionOIDs: [TelematikOID.arzt, TelematikOID.zahnarzt],
                            registrationNumber: "1-HBA-Testkarte-883110000900001",
                            addProfessionInfo: [0x01, 0x02]
                        ),
                        Admission.ProfessionInfo(professionItems: ["Versicherte/-r"], professionOIDs: [], registrationNumber: nil),
                        Admission.ProfessionInfo(professionItems: ["Sonder"], professionOIDs: [], registrationNumber: "Ä-ID_mit*Sonderzeichen"),
                    ]
                )
            ]
        )
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let certificate = try CertificateBuilder(
            serialNumber: [0x07],
            issuer: Self.rootName,
            subject: Self.leafName,
            notBefore: Self.notBefore,
            notAfter: Self.farFuture,
            publicKey: .brainpoolP256r1(key.publicKey),
            extensions: [try .admission(admission)]
        ).sign(with: .brainpoolP256r1(key))
        #expect(certificate.admission == admission)
        _ = try BrainpoolP256r1.Signing.PublicKey(derRepresentation: certificate.subjectPublicKeyInfo.derEncoded)
        _ = try BuiltCertificateFiles.text(certificate)
    }
}

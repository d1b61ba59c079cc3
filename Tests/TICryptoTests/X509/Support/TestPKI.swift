// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A small PKI generated with the OpenSSL CLI in a temporary directory: a brainpoolP256r1 CA and leaf certificates
/// with TI extensions (Admission built with OpenSSL's `ASN1:` / `asn1=` configuration syntax).
struct TestPKI {
    let directory: URL

    /// The OpenSSL extension configuration for the CA and the leaves.
    static let configuration = """
        [ca_ext]
        basicConstraints = critical, CA:TRUE, pathlen:1
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        certificatePolicies = 1.2.276.0.76.4.163

        [hba_ext]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, nonRepudiation
        certificatePolicies = 1.2.276.0.76.4.72, 1.2.276.0.76.4.145
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid:always
        authorityInfoAccess = OCSP;URI:http://ocsp.test.invalid/ocsp, caIssuers;URI:http://ca.test.invalid/ca.der
        subjectAltName = email:arzt@praxis.test.invalid, DNS:praxis.test.invalid, URI:https://praxis.test.invalid/
        extendedKeyUsage = clientAuth, emailProtection
        1.3.36.8.3.3 = ASN1:SEQUENCE:admission_hba

        [admission_hba]
        authority = EXPLICIT:4,SEQUENCE:authority_name
        contents = SEQUENCE:contents_hba

        [authority_name]
        c = SET:rdn_c
        o = SET:rdn_o

        [rdn_c]
        atv = SEQUENCE:atv_c

        [atv_c]
        type = OID:countryName
        value = PRINTABLESTRING:DE

        [rdn_o]
        atv = SEQUENCE:atv_o

        [atv_o]
        type = OID:organizationName
        value = FORMAT:UTF8,UTF8String:Ärztekammer Test

        [contents_hba]
        admissions = SEQUENCE:admissions_hba

        [admissions_hba]
        infos = SEQUENCE:infos_hba

        [infos_hba]
        info = SEQUENCE:info_hba

        [info_hba]
        items = SEQUENCE:items_hba
        oids = SEQUENCE:oids_hba
        registration = PRINTABLESTRING:1-HBA-Testkarte-883110000123456

        [items_hba]
        item = FORMAT:UTF8,UTF8String:Ärztin/Arzt

        [oids_hba]
        oid = OID:1.2.276.0.76.4.30

        [smcb_ext]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, keyEncipherment
        certificatePolicies = 1.2.276.0.76.4.163
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid:always
        1.3.36.8.3.3 = ASN1:SEQUENCE:admission_smcb
        1.2.3.4.5.6.7 = critical, ASN1:NULL

        [admission_smcb]
        contents = SEQUENCE:contents_smcb

        [contents_smcb]
        admissions = SEQUENCE:admissions_smcb

        [admissions_smcb]
        naming = EXPLICIT:1,SEQUENCE:naming_authority
        infos = SEQUENCE:infos_smcb

        [naming_authority]
        id = OID:1.2.276.0.76.3.1.91
        url = IA5STRING:https://www.gematik.de/

        [infos_smcb]
        info = SEQUENCE:info_smcb

        [info_smcb]
        naming = EXPLICIT:0,SEQUENCE:naming_authority
        items = SEQUENCE:items_smcb
        oids = SEQUENCE:oids_smcb
        registration = PRINTABLESTRING:3-SMC-B-Testkarte-883110000116948
        additional = FORMAT:HEX,OCTETSTRING:CAFE

        [items_smcb]
        item1 = FORMAT:UTF8,UTF8String:Öffentliche Apotheke
        item2 = BMPSTRING:Apotheke am Markt

        [oids_smcb]
        oid = OID:1.2.276.0.76.4.54
        """

    /// Creates the CA (brainpoolP256r1, UTCTime validity) in a fresh directory.
    init(directory: URL) throws {
        self.directory = directory
        try Self.configuration.write(to: directory.appendingPathComponent("ext.cnf"), atomically: true, encoding: .utf8)
        try run(["ecparam", "-name", "brainpoolP256r1", "-genkey", "-noout", "-out", "ca.key"])
        try run([
            "req", "-new", "-x509", "-key", "ca.key", "-sha256", "-days", "3650", "-subj",
            "/C=DE/O=gematik GmbH NOT-VALID/OU=Test-CA der Telematikinfrastruktur/CN=GEM.TEST-CA1 TEST-ONLY",
            "-config", "ext.cnf", "-extensions", "ca_ext", "-out", "ca.pem",
        ])
    }

    /// Issues a leaf: a key on `curve`, a CSR with `subject`, signed by the CA with extensions `section` for `days`.
    /// - Returns: the path of the certificate (PEM).
    @discardableResult
    func issue(name: String, curve: String, subject: String, section: String, days: Int, multiValued: Bool = false) throws -> URL {
        try run(["ecparam", "-name", curve, "-genkey", "-noout", "-out", "\(name).key"])
        try run(["req", "-new", "-key", "\(name).key", "-subj", subject, "-out", "\(name).csr"] + (multiValued ? ["-multivalue-rdn"] : []))
        try run([
            "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x0FEDCBA987654321",
            "-days", String(days), "-sha256", "-extfile", "ext.cnf", "-extensions", section, "-out", "\(name).pem",
        ])
        return directory.appendingPathComponent("\(name).pem")
    }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    @discardableResult
    func run(_ arguments: [String]) throws -> String { try OpenSSLCLI.run(arguments, in: directory) }
}

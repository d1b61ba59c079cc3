// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// A two-level PKI made with the `openssl` CLI (`openssl ca`, so that validity dates can lie in the past): a root,
/// an intermediate (the issuing CA), an OCSP responder delegated by the intermediate, and leaves for every path
/// validation case. A foreign root issues one more leaf.
final class TrustTestPKI: @unchecked Sendable {
    /// The curve of all keys.
    enum Curve: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case brainpoolP256r1
        case p256 = "prime256v1"

        var testDescription: String { rawValue }
    }

    /// The leaves, named after the case they test.
    enum Leaf: String, CaseIterable, Sendable {
        case good, revoked, expired, notYetValid, foreign, notCAIssued, wrongKeyUsage, noAdmission, wrongProfession, criticalExtension
    }

    static let registrationNumber = "1-HBA-Testkarte-883110000123456"
    static let day: TimeInterval = 86_400

    let directory: ScratchDirectory
    let curve: Curve
    let now: Date
    let root: TelematikCertificate
    let intermediate: TelematikCertificate
    let notCA: TelematikCertificate
    let foreignRoot: TelematikCertificate
    let ocspResponder: TelematikCertificate
    private(set) var leaves: [Leaf: TelematikCertificate] = [:]

    init(_ curve: Curve, now: Date = Date()) throws {
        self.curve = curve
        self.now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let directory = try ScratchDirectory()
        self.directory = directory
        try directory.write(Self.configuration(directory: directory), to: "ca.cnf")
        try directory.write("", to: "index-ca.txt")
        try directory.write("1000\n", to: "serial.txt")
        let past = self.now - 1_000 * Self.day
        let future = self.now + 3_000 * Self.day
        root = try Self.issue(
            in: directory,
            curve,
            name: "root",
            subject: "/C=DE/O=Trust Test/CN=Trust Test Root",
            issuer: nil,
            section: "root_ext",
            from: past,
            to: future
        )
        intermediate = try Self.issue(
            in: directory,
            curve,
            name: "inter",
            subject: "/C=DE/O=Trust Test/CN=Trust Test HBA-CA",
            issuer: "root",
            section: "ca_ext",
            from: past,
            to: future
        )
        notCA = try Self.issue(
            in: directory,
            curve,
            name: "notca",
            subject: "/C=DE/O=Trust Test/CN=Trust Test Not-A-CA",
            issuer: "root",
            section: "notca_ext",
            from: past,
            to: future
        )
        foreignRoot = try Self.issue(
            in: directory,
            curve,
            name: "foreign-root",
            subject: "/C=DE/O=Elsewhere/CN=Foreign Root",
            issuer: nil,
            section: "root_ext",
            from: past,
            to: future
        )
        ocspResponder = try Self.issue(
            in: directory,
            curve,
            name: "ocsp",
            subject: "/C=DE/O=Trust Test/CN=Trust Test OCSP Signer",
            issuer: "inter",
            section: "ocsp_ext",
            from: past,
            to: future
        )
        for leaf in Leaf.allCases {
            var issuer = "inter"
            var section = "hba_ext"
            var from = self.now - 30 * Self.day
            var to = self.now + 365 * Self.day
            switch leaf {
            case .good, .revoked: break
            case .expired:
                from = self.now - 400 * Self.day
                to = self.now - 3_600
            case .notYetValid:
                from = self.now + 10 * Self.day
            case .foreign: issuer = "foreign-root"
            case .notCAIssued: issuer = "notca"
            case .wrongKeyUsage: section = "hba_wrong_usage_ext"
            case .noAdmission: section = "hba_no_admission_ext"
            case .wrongProfession: section = "hba_apotheker_ext"
            case .criticalExtension: section = "hba_critical_ext"
            }
            leaves[leaf] = try Self.issue(
                in: directory,
                curve,
                name: leaf.rawValue,
                subject: "/C=DE/GN=Test/SN=\(leaf.rawValue)/CN=Dr. \(leaf.rawValue)",
                issuer: issuer,
                section: section,
                from: from,
                to: to
            )
        }
    }

    func leaf(_ leaf: Leaf) -> TelematikCertificate { leaves[leaf]! }

    /// The trust store: the root as anchor, the intermediate and the not-a-CA as known intermediates.
    var trustStore: TrustStore { TrustStore(anchors: [root], intermediates: [intermediate, notCA]) }

    /// The path of `name.pem`.
    func path(_ name: String) -> String { directory.path("\(name).pem") }

    /// The PEM of the private key `name.key`.
    func keyPEM(_ name: String) throws -> String { String(decoding: try directory.read("\(name).key"), as: UTF8.self) }

    /// The responder signing key of our `OCSPResponder`.
    func responderKey() throws -> SigningKey {
        switch curve {
        case .brainpoolP256r1: .brainpoolP256r1(try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: try keyPEM("ocsp")))
        case .p256: .p256(try P256.Signing.PrivateKey(pemRepresentation: try keyPEM("ocsp")))
        }
    }

    /// Our responder for the intermediate: `revoked` leaves revoked at `revocationTime` for keyCompromise, all else good.
    func responder(revocationTime: Date, validity: TimeInterval = 12 * 3_600) throws -> OCSPResponder {
        let revokedSerial = leaf(.revoked).serialNumber
        return OCSPResponder(key: try responderKey(), certificate: ocspResponder, caCertificates: [intermediate], validity: validity) { serial, _ in
            serial == revokedSerial ? .revoked(time: revocationTime, reason: .keyCompromise) : .good
        }
    }

    /// An OCSP response of our responder for `leaf`, produced at `time`.
    func ocspResponse(for leaf: Leaf, at time: Date, revocationTime: Date? = nil, validity: TimeInterval = 12 * 3_600) throws -> OCSPResponse {
        let issuer = leaf == .notCAIssued ? notCA : intermediate
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: self.leaf(leaf), issuer: issuer)])
        let der = try responder(revocationTime: revocationTime ?? time - Self.day, validity: validity).respond(to: request, now: time)
        return try OCSPResponse(derEncoded: der)
    }

    private static func issue(
        in directory: ScratchDirectory,
        _ curve: Curve,
        name: String,
        subject: String,
        issuer: String?,
        section: String,
        from: Date,
        to: Date
    ) throws -> TelematikCertificate {
        let key = directory.path("\(name).key")
        try ExternalTool.openssl(["ecparam", "-name", curve.rawValue, "-genkey", "-noout", "-out", key])
        try ExternalTool.openssl(["req", "-new", "-key", key, "-subj", subject, "-out", directory.path("\(name).csr")])
        var arguments = [
            "ca", "-config", directory.path("ca.cnf"), "-batch", "-notext", "-preserveDN", "-in", directory.path("\(name).csr"), "-out",
            directory.path("\(name).pem"), "-startdate", timestamp(from), "-enddate", timestamp(to), "-extensions", section,
        ]
        if let issuer {
            arguments += ["-cert", directory.path("\(issuer).pem"), "-keyfile", directory.path("\(issuer).key")]
        } else {
            arguments += ["-selfsign", "-keyfile", key]
        }
        try ExternalTool.openssl(arguments)
        return try TelematikCertificate(pemEncoded: String(decoding: try directory.read("\(name).pem"), as: UTF8.self))
    }

    /// `YYYYMMDDHHMMSSZ` for `openssl ca -startdate/-enddate`.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    /// `YYMMDDHHMMSSZ` for `index.txt`.
    static func shortTimestamp(_ date: Date) -> String { String(timestamp(date).dropFirst(2)) }

    private static func configuration(directory: ScratchDirectory) -> String {
        let arzt = AdmissionDER.hex(
            AdmissionDER.value(professionItem: "Arzt", professionOID: [1, 2, 276, 0, 76, 4, 30], registrationNumber: registrationNumber)
        )
        let apotheker = AdmissionDER.hex(
            AdmissionDER.value(professionItem: "Apotheker", professionOID: [1, 2, 276, 0, 76, 4, 32], registrationNumber: registrationNumber)
        )
        return """
            [ca]
            default_ca = test_ca

            [test_ca]
            database = \(directory.path("index-ca.txt"))
            new_certs_dir = \(directory.url.path)
            serial = \(directory.path("serial.txt"))
            default_md = sha256
            policy = policy_any
            unique_subject = no
            email_in_dn = no

            [policy_any]
            commonName = supplied

            [root_ext]
            basicConstraints = critical, CA:TRUE, pathlen:1
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash

            [ca_ext]
            basicConstraints = critical, CA:TRUE, pathlen:0
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [notca_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [ocsp_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = OCSPSigning
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [hba_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, nonRepudiation
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            authorityInfoAccess = OCSP;URI:http://ocsp.test.invalid/
            1.3.36.8.3.3 = DER:\(arzt)

            [hba_wrong_usage_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            1.3.36.8.3.3 = DER:\(arzt)

            [hba_no_admission_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, nonRepudiation
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [hba_apotheker_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, nonRepudiation
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            1.3.36.8.3.3 = DER:\(apotheker)

            [hba_critical_ext]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, nonRepudiation
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            1.3.36.8.3.3 = DER:\(arzt)
            1.2.3.4.5.6.7 = critical, ASN1:NULL
            """
    }
}

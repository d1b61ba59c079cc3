// SPDX-License-Identifier: Apache-2.0

import Fachdienst
import Foundation
import TICrypto
import Workflow

/// The key material of `erezept serve --profile production`, read from the files of ``ProductionKeyOptions`` and
/// checked: every required file is named and readable, every key belongs to its certificate.
struct ProductionKeyMaterial {
    /// Why the material cannot be used; printed as is.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let vau: VAUConfiguration
    let signatureKey: BrainpoolP256r1.Signing.PrivateKey
    let signatureCertificate: TelematikCertificate
    let idpSignerCertificate: TelematikCertificate
    let trustStore: TrustStore
    let caCertificates: [TelematikCertificate]

    /// Loads and checks everything.
    /// - Throws: ``Failure`` naming every missing option at once, or the first file that cannot be used.
    static func load(_ options: ProductionKeyOptions) throws(Failure) -> ProductionKeyMaterial {
        let missing = options.required.filter { $0.value == nil }.map(\.flag)
        guard missing.isEmpty else {
            throw Failure(
                description: """
                    --profile production needs real key material and never generates a test PKI; missing: \
                    \(missing.joined(separator: ", ")). See `erezept serve --help`.
                    """
            )
        }
        // The guard above makes every required value present.
        let vauKeyText = try self.text(options.vauKey ?? "", "--vau-key")
        let sigKeyText = try self.text(options.sigKey ?? "", "--sig-key")
        let vauCertificate = try self.certificate(options.vauCert ?? "", "--vau-cert")
        let sigCertificate = try self.certificate(options.sigCert ?? "", "--sig-cert")
        let idpCertificate = try self.certificate(options.idpCert ?? "", "--idp-cert")
        let anchors = try self.certificates(atPath: options.trustAnchors ?? "", "--trust-anchors")
        let cas = try options.caCerts.map { path throws(Failure) in try self.certificates(atPath: path, "--ca-certs") } ?? []

        let vauKey: BrainpoolP256r1.KeyAgreement.PrivateKey
        let sigKey: BrainpoolP256r1.Signing.PrivateKey
        do {
            vauKey = try BrainpoolP256r1.KeyAgreement.PrivateKey(pemRepresentation: vauKeyText)
        } catch {
            throw Failure(description: "--vau-key is not an unencrypted brainpoolP256r1 private key in PEM (\(error.code))")
        }
        do {
            sigKey = try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: sigKeyText)
        } catch {
            throw Failure(description: "--sig-key is not an unencrypted brainpoolP256r1 private key in PEM (\(error.code))")
        }
        guard vauCertificate.subjectPublicKeyInfo.publicKey == vauKey.publicKey.x963Representation else {
            throw Failure(description: "--vau-key does not belong to the certificate of --vau-cert")
        }
        guard sigCertificate.subjectPublicKeyInfo.publicKey == sigKey.publicKey.x963Representation else {
            throw Failure(description: "--sig-key does not belong to the certificate of --sig-cert")
        }
        return ProductionKeyMaterial(
            vau: VAUConfiguration(privateKey: vauKey, certificate: vauCertificate, caCertificates: cas),
            signatureKey: sigKey,
            signatureCertificate: sigCertificate,
            idpSignerCertificate: idpCertificate,
            trustStore: TrustStore(anchors: anchors, intermediates: cas),
            caCertificates: cas
        )
    }

    private static func text(_ path: String, _ flag: String) throws(Failure) -> String {
        String(decoding: try self.bytes(path, flag), as: UTF8.self)
    }

    private static func bytes(_ path: String, _ flag: String) throws(Failure) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(flag): cannot read \(path)")
        }
        return Array(data)
    }

    private static func certificate(_ path: String, _ flag: String) throws(Failure) -> TelematikCertificate {
        let found = try self.certificates(inFile: path, flag)
        guard found.count == 1, let certificate = found.first else {
            throw Failure(description: "\(flag): \(path) holds \(found.count) certificates, expected one")
        }
        return certificate
    }

    /// The certificates of a file, or of every `.pem`, `.crt`, `.cer` and `.der` file in a directory.
    private static func certificates(atPath path: String, _ flag: String) throws(Failure) -> [TelematikCertificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "\(flag): \(path) does not exist")
        }
        guard isDirectory.boolValue else { return try self.certificates(inFile: path, flag) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            .filter { ["pem", "crt", "cer", "der"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
        var all: [TelematikCertificate] = []
        for name in names { all += try self.certificates(inFile: URL(fileURLWithPath: path).appendingPathComponent(name).path, flag) }
        guard !all.isEmpty else { throw Failure(description: "\(flag): \(path) holds no certificate") }
        return all
    }

    private static func certificates(inFile path: String, _ flag: String) throws(Failure) -> [TelematikCertificate] {
        do {
            return try TestPKI.certificates(fileContents: try self.bytes(path, flag))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(flag): \(path) is not a PEM or DER certificate")
        }
    }
}

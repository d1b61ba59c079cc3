// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport

/// Files for openssl cross-checks of built certificates.
enum BuiltCertificateFiles {
    /// Writes `certificates` as PEM files named by the keys into `directory` and returns their URLs.
    static func write(_ certificates: [String: TelematikCertificate], to directory: URL) throws -> [String: URL] {
        var urls: [String: URL] = [:]
        for (name, certificate) in certificates {
            let url = directory.appendingPathComponent("\(name).pem")
            try Data(certificate.pemEncoded.utf8).write(to: url)
            urls[name] = url
        }
        return urls
    }

    /// `openssl verify -CAfile root -untrusted ca leaf`; throws unless it prints OK.
    static func verify(leaf: URL, root: URL, intermediate: URL?) throws -> String {
        var arguments = ["verify", "-CAfile", root.path]
        if let intermediate { arguments += ["-untrusted", intermediate.path] }
        return try ExternalTool.openssl(arguments + [leaf.path]).text
    }

    /// `openssl x509 -inform DER -text -noout` of `certificate`.
    static func text(_ certificate: TelematikCertificate) throws -> String {
        try ExternalTool.openssl(["x509", "-inform", "DER", "-text", "-noout"], input: certificate.derEncoded).text
    }
}

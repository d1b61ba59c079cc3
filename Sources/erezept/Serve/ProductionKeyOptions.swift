// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// The key material `erezept serve --profile production` requires as files; never generated.
///
/// Keys are PEM (`PRIVATE KEY` PKCS#8 or `EC PRIVATE KEY` SEC1, brainpoolP256r1, unencrypted; keep them mode 0600).
/// Certificates are PEM or DER; a PEM file may hold several certificates.
struct ProductionKeyOptions: ParsableArguments {
    @Option(name: .customLong("vau-key"), help: ArgumentHelp("production: the private key of C.FD.ENC (VAU).", valueName: "file"))
    var vauKey: String?

    @Option(name: .customLong("vau-cert"), help: ArgumentHelp("production: C.FD.ENC, served at /VAUCertificate.", valueName: "file"))
    var vauCert: String?

    @Option(name: .customLong("sig-key"), help: ArgumentHelp("production: the private key of C.FD.SIG (receipts, patient copy).", valueName: "file"))
    var sigKey: String?

    @Option(name: .customLong("sig-cert"), help: ArgumentHelp("production: C.FD.SIG.", valueName: "file"))
    var sigCert: String?

    @Option(name: .customLong("idp-cert"), help: ArgumentHelp("production: the IDP's token signer certificate (puk_idp_sig).", valueName: "file"))
    var idpCert: String?

    @Option(
        name: .customLong("trust-anchors"),
        help: ArgumentHelp("production: the trust anchors (CA certificates) for QES checks, a file or a directory of .pem/.der.", valueName: "path")
    )
    var trustAnchors: String?

    @Option(
        name: .customLong("ca-certs"),
        help: ArgumentHelp(
            "production, optional: the issuing CAs of C.FD.ENC, C.FD.SIG and the IDP certificate (/CertList, chains, OCSP requests).",
            valueName: "file"
        )
    )
    var caCerts: String?

    @Option(help: ArgumentHelp("production, optional: the audience access tokens must carry; default the public URL.", valueName: "uri"))
    var audience: String?

    /// The options of the required files with their flags, in order.
    var required: [(flag: String, value: String?)] {
        [
            ("--vau-key", self.vauKey), ("--vau-cert", self.vauCert), ("--sig-key", self.sigKey), ("--sig-cert", self.sigCert),
            ("--idp-cert", self.idpCert), ("--trust-anchors", self.trustAnchors),
        ]
    }

    /// Whether any production option was given.
    var anyGiven: Bool { self.required.contains { $0.value != nil } || self.caCerts != nil || self.audience != nil }
}

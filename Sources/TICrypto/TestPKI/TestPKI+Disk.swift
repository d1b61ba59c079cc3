// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// The contract file: a JSON array of ``IdentityEntry``.
    public static let identitiesFileName = "identities.json"
    /// The revocation list: a JSON array of ``Revocation``.
    public static let revocationsFileName = "revocations.json"

    /// Whether `directory` holds a test PKI (an `identities.json`).
    public static func exists(at directory: URL) -> Bool {
        TestPKIFiles.exists(directory.appendingPathComponent(identitiesFileName))
    }

    /// Writes the PKI: `identities.json`, `revocations.json`, `certs/NAME.pem`, `keys/NAME.key.pem` (PKCS#8, mode 0600)
    /// and `anchors/*.pem`. The JSON is pretty-printed with sorted keys, so a seeded PKI gives identical bytes.
    /// - Parameters:
    ///   - directory: the target; created when missing.
    ///   - overwrite: replace an existing PKI there (its `certs/`, `keys/` and `anchors/` are removed first).
    /// - Throws: `testPKIExists` when a PKI is there and `overwrite` is false; `testPKIFileAccess` on I/O errors.
    public func write(to directory: URL, overwrite: Bool = false) throws(TICryptoError) {
        if Self.exists(at: directory) {
            guard overwrite else {
                throw TICryptoError(.testPKIExists, reason: "\(directory.path) holds a test PKI already (use --force to replace it)")
            }
            for item in ["certs", "keys", "anchors", Self.identitiesFileName, Self.revocationsFileName] {
                try TestPKIFiles.remove(directory.appendingPathComponent(item))
            }
        }
        try TestPKIFiles.createDirectory(directory.appendingPathComponent("certs"))
        try TestPKIFiles.createDirectory(directory.appendingPathComponent("keys"))
        var entries: [IdentityEntry] = []
        for identity in self.identities {
            let entry = IdentityEntry(identity)
            try TestPKIFiles.write(Array(identity.certificate.pemEncoded.utf8), to: directory.appendingPathComponent(entry.certificate))
            try TestPKIFiles.write(
                Array(identity.privateKey.pemRepresentation.utf8),
                to: directory.appendingPathComponent(entry.privateKey),
                mode: 0o600
            )
            entries.append(entry)
        }
        try self.writeAnchors(to: directory)
        try self.writeRevocations(to: directory)
        try TestPKIFiles.write(try Self.json(entries), to: directory.appendingPathComponent(Self.identitiesFileName))
    }

    /// Writes `revocations.json` only (after ``revoke(_:reason:at:)``).
    /// - Throws: `testPKIFileAccess` on I/O errors.
    public func writeRevocations(to directory: URL) throws(TICryptoError) {
        try TestPKIFiles.write(try Self.json(self.revocations), to: directory.appendingPathComponent(Self.revocationsFileName))
    }

    /// Writes `anchors/` only (after ``importAnchors(_:)``); files of anchors present already are rewritten unchanged.
    /// - Throws: `testPKIFileAccess` on I/O errors.
    public func writeAnchors(to directory: URL) throws(TICryptoError) {
        let folder = directory.appendingPathComponent("anchors")
        try TestPKIFiles.createDirectory(folder)
        for anchor in self.anchors {
            try TestPKIFiles.write(Array(anchor.pemEncoded.utf8), to: folder.appendingPathComponent(Self.anchorFileName(anchor)))
        }
    }

    /// Reads a PKI written by ``write(to:overwrite:)``.
    /// - Throws: `invalidTestPKI` for missing or inconsistent content (including a key that does not match its
    ///   certificate); `testPKIFileAccess` on I/O errors; certificate and key parse errors.
    public static func load(from directory: URL) throws(TICryptoError) -> TestPKI {
        let identitiesURL = directory.appendingPathComponent(identitiesFileName)
        guard TestPKIFiles.exists(identitiesURL) else {
            throw TICryptoError(.invalidTestPKI, reason: "\(directory.path) holds no test PKI (no \(identitiesFileName))")
        }
        let entries: [IdentityEntry] = try Self.decode(try TestPKIFiles.read(identitiesURL), identitiesFileName)
        var identities: [Identity] = []
        for entry in entries {
            let certificate = try TelematikCertificate(pemEncoded: try TestPKIFiles.readText(directory.appendingPathComponent(entry.certificate)))
            let key = try BrainpoolP256r1.Signing.PrivateKey(
                pemRepresentation: try TestPKIFiles.readText(directory.appendingPathComponent(entry.privateKey))
            )
            guard key.publicKey.x963Representation == certificate.subjectPublicKeyInfo.publicKey else {
                throw TICryptoError(.invalidTestPKI, reason: "the key of \(entry.name) does not belong to its certificate")
            }
            identities.append(
                Identity(
                    name: entry.name,
                    kind: entry.kind,
                    issuer: entry.issuer,
                    displayName: entry.displayName,
                    insurance: entry.insurance,
                    certificate: certificate,
                    privateKey: key
                )
            )
        }
        var anchors: [TelematikCertificate] = []
        let anchorsURL = directory.appendingPathComponent("anchors")
        for file in try TestPKIFiles.files(in: anchorsURL, suffix: ".pem") {
            anchors.append(try TelematikCertificate(pemEncoded: try TestPKIFiles.readText(anchorsURL.appendingPathComponent(file))))
        }
        var revocations: [Revocation] = []
        let revocationsURL = directory.appendingPathComponent(revocationsFileName)
        if TestPKIFiles.exists(revocationsURL) {
            revocations = try Self.decode(try TestPKIFiles.read(revocationsURL), revocationsFileName)
        }
        do {
            return try TestPKI(identities: identities, anchors: anchors, revocations: revocations)
        } catch {
            throw TICryptoError(.invalidTestPKI, reason: "\(identitiesFileName): \(error.reason)")
        }
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    static func json(_ value: some Encodable) throws(TICryptoError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value)) + [0x0A]
        } catch {
            throw TICryptoError(.invalidTestPKI, reason: "cannot encode JSON: \(error)")
        }
    }

    private static func decode<Value: Decodable>(_ bytes: [UInt8], _ file: String) throws(TICryptoError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw TICryptoError(.invalidTestPKI, reason: "\(file) is malformed: \(error)")
        }
    }
}

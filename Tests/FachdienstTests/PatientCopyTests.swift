// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TICrypto
import Testing
import Workflow

/// The world of the patient copy tests: ``TaskFixture`` with a service that signs patient copies with the PKI's `fd-sig`.
extension TaskFixture {
    /// Runs `test` against an in-process router whose service makes patient copies, over `store` or a fresh in-memory
    /// store.
    static func withPatientCopyApp(store: SQLiteWorkflowStore? = nil, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let pki = try self.pki.get()
        let clock = TestClock(self.now)
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try Fixture.idpSigner().certificate,
            audience: Fixture.audience,
            clock: clock,
            publicBaseURL: self.baseURL
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let workflow = WorkflowService(
            store: try store ?? SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256)),
            clock: clock,
            prescriptionSignature: signature,
            receiptSigner: try ReceiptSigner(testPKI: pki),
            patientCopySigner: try PatientCopySigner(testPKI: pki, deviceReference: self.baseURL + "/Device/1")
        )
        let router = try buildRouter(configuration: configuration, workflow: workflow)
        try await Application(router: router).test(.router, test)
    }

    /// C.FD.SIG of the test PKI.
    static func fdSig() throws -> TelematikCertificate {
        try self.pki.get().identity(named: "fd-sig").certificate
    }

    /// The KBV bundle inside the fixture QES for `id`, decoded.
    static func prescriptionBundle(id: String) throws -> FHIR.Bundle {
        try FHIRDecoder().decode(FHIR.Bundle.self, from: self.prescription(id: id), format: .xml)
    }

    /// The Bundle entries of the insurant's answer.
    static func includedBundles(_ bundle: FHIR.Bundle) -> [(fullUrl: String?, bundle: FHIR.Bundle)] {
        bundle.entry.compactMap { entry in
            guard case .bundle(let included) = entry.resource else { return nil }
            return (entry.fullUrl?.value, included)
        }
    }

    /// The `Task.input` of document type `code`, as a reference.
    static func inputReference(_ task: FHIR.Task, type code: String) -> String? {
        guard let input = task.input.first(where: { $0.type.coding.first?.code?.value == code }),
            case .reference(let reference) = input.value
        else { return nil }
        return reference.reference?.value
    }
}

@Suite("The patient copy of $activate and its delivery (A_19029-06, A_21375-02, spec/fd-api.md §5.3, §2.10)")
struct PatientCopyTests {
    private typealias Fixture = TaskFixture

    /// Creates and activates a task; the draft and the `$activate` answer.
    private static func activatedTask(_ client: some TestClientProtocol) async throws -> (draft: FHIR.Task, activated: FHIR.Task) {
        let draft = try await Fixture.create(client)
        let response = try await Fixture.activate(client, task: draft)
        #expect(response.status == .ok)
        return (draft, try Fixture.decode(FHIR.Task.self, response, format: .json))
    }

    /// The insurant's `GET /Task/{id}` in `format`: the answer, its Task and its one included Bundle.
    private static func insurantRead(
        _ client: some TestClientProtocol,
        id: String,
        format: FHIRFormat = .json
    ) async throws -> (response: TestResponse, task: FHIR.Task, fullUrl: String?, copy: FHIR.Bundle) {
        let response = try await Fixture.get(client, "/Task/\(id)", token: try Fixture.insurantToken(Fixture.insurantA), format: format)
        #expect(response.status == .ok)
        let bundle = try Fixture.decode(FHIR.Bundle.self, response, format: format)
        #expect(bundle.entry.count == 2)
        let task = try #require(Fixture.tasks(bundle).first)
        let included = try #require(Fixture.includedBundles(bundle).first)
        return (response, task, included.fullUrl, included.bundle)
    }

    @Test("after $activate the insurant's read holds the patient copy: a fresh UUID, the QES bundle's content, a JWS signature")
    func insurantReadsThePatientCopy() async throws {
        try await Fixture.withPatientCopyApp { client in
            let (draft, activated) = try await Self.activatedTask(client)
            let id = try #require(draft.id?.value)
            let read = try await Self.insurantRead(client, id: id)
            let copy = read.copy
            let copyID = try #require(copy.id?.value)
            let original = try Fixture.prescriptionBundle(id: id)

            // A_19029-06: a new UUID as Bundle.id, not the KBV bundle's id; referenced as Task.input type 2.
            #expect(UUID(uuidString: copyID) != nil && copyID == copyID.lowercased())
            #expect(copyID != original.id?.value)
            #expect(Fixture.inputReference(read.task, type: "2") == "Bundle/\(copyID)")
            #expect(read.fullUrl == "\(Fixture.baseURL)/Bundle/\(copyID)")
            #expect(Fixture.inputReference(activated, type: "2") == "Bundle/\(copyID)")
            #expect(Fixture.inputReference(activated, type: "1") != nil)

            // The content is the QES bundle's content: only id and signature differ.
            var content = copy
            content.id = original.id
            content.signature = nil
            #expect(content == original)

            let signature = try #require(copy.signature)
            #expect(signature.sigFormat?.value == "application/jose" && signature.targetFormat?.value == "application/fhir+json")
            #expect(signature.type.first?.system?.value == "urn:iso-astm:E1762-95:2013")
            #expect(signature.type.first?.code?.value == "1.2.840.10065.1.12.1.1")
            #expect(signature.who.reference?.value == "\(Fixture.baseURL)/Device/1")
            #expect(signature.when.value?.lexical == "2026-11-21T08:30:00Z")

            // The detached JWS verifies with fd-sig over the canonical JSON; header alg BP256R1, x5c = C.FD.SIG.
            let fdSig = try Fixture.fdSig()
            let jws = try PatientCopy.verify(copy, signedBy: fdSig)
            #expect(jws.algorithm == .bp256r1 && jws.header.x5c == [fdSig.derEncoded])
            #expect(jws.payload == PatientCopy.signedContent(of: copy))
            let data = try #require(signature.data?.value.flatMap { Data(base64Encoded: $0) })
            #expect(String(decoding: data, as: UTF8.self).split(separator: ".", omittingEmptySubsequences: false).map(\.count)[1] == 0)
        }
    }

    @Test("a changed byte of the content or of the signature fails verification; another certificate is refused")
    func tamperingFails() async throws {
        try await Fixture.withPatientCopyApp { client in
            let (draft, _) = try await Self.activatedTask(client)
            let copy = try await Self.insurantRead(client, id: try #require(draft.id?.value)).copy
            try PatientCopy.verify(copy, signedBy: Fixture.fdSig())

            // One byte of the canonical content, flipped.
            let detached = String(decoding: try #require(copy.signature?.data?.value.flatMap { Data(base64Encoded: $0) }), as: UTF8.self)
            var content = PatientCopy.signedContent(of: copy)
            content[content.count / 2] ^= 0x01
            let fdSig = try BrainpoolP256r1.Signing.PublicKey(x963Representation: Fixture.fdSig().subjectPublicKeyInfo.publicKey)
            #expect(throws: TICryptoError(.signatureVerificationFailed)) {
                try JWS(detachedCompact: detached, payload: content).verify(with: fdSig)
            }

            // A changed value in the bundle.
            var changed = copy
            changed.timestamp = Primitive(DateTimeValue(lexical: "2026-11-22T08:30:00Z"))
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try PatientCopy.verify(changed, signedBy: Fixture.fdSig()) }

            // A changed signature byte.
            var segments = detached.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var raw = try Base64URL.decode(segments[2])
            raw[5] ^= 0x80
            segments[2] = Base64URL.encode(raw)
            var resigned = copy
            resigned.signature?.data = Primitive(Data(segments.joined(separator: ".").utf8).base64EncodedString())
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try PatientCopy.verify(resigned, signedBy: Fixture.fdSig()) }

            // Another certificate than the one in x5c.
            let other = try Fixture.pki.get().identity(named: "idp-sig").certificate
            #expect(throws: TICryptoError(.signatureVerificationFailed)) { try PatientCopy.verify(copy, signedBy: other) }
        }
    }

    @Test("Python verifies the patient copy independently: its own canonicalization, its own ECDSA, and refuses a changed byte")
    func independentVerification() async throws {
        try await Fixture.withPatientCopyApp { client in
            let (draft, _) = try await Self.activatedTask(client)
            let read = try await Self.insurantRead(client, id: try #require(draft.id?.value))
            let body = String(decoding: Array(buffer: read.response.body), as: UTF8.self)

            let answer = try PythonOracle.verify(responseBody: body, tamper: false)
            #expect(answer.verified)
            // The independent canonicalization gives exactly the bytes the Fachdienst signed.
            #expect(String(decoding: answer.canonical, as: UTF8.self) == String(decoding: PatientCopy.signedContent(of: read.copy), as: UTF8.self))
            #expect(try PythonOracle.verify(responseBody: body, tamper: true).verified == false)

            // openssl, over the signing input rebuilt from Python's canonical bytes and the r||s signature as DER.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patient-copy-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let detached = String(decoding: try #require(read.copy.signature?.data?.value.flatMap { Data(base64Encoded: $0) }), as: UTF8.self)
            let segments = detached.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let input = Array((segments[0] + "." + Base64URL.encode(answer.canonical)).utf8)
            let signature = try ECDSASignature(rawRepresentation: Base64URL.decode(segments[2]))
            let files = (
                input: directory.appendingPathComponent("input.bin"), signature: directory.appendingPathComponent("sig.der"),
                certificate: directory.appendingPathComponent("fd-sig.der"), key: directory.appendingPathComponent("fd-sig.pem")
            )
            try Data(input).write(to: files.input)
            try Data(signature.derRepresentation).write(to: files.signature)
            try Data(try Fixture.fdSig().derEncoded).write(to: files.certificate)
            let extract = try OpenSSLTool.run(["x509", "-inform", "DER", "-in", files.certificate.path, "-pubkey", "-noout", "-out", files.key.path])
            #expect(extract.status == 0, "\(extract.standardError)")
            let verified = try OpenSSLTool.run(["dgst", "-sha256", "-verify", files.key.path, "-signature", files.signature.path, files.input.path])
            #expect(verified.status == 0, "\(verified.standardError)")
            var changed = input
            changed[changed.count - 2] ^= 0x01
            try Data(changed).write(to: files.input)
            let refused = try OpenSSLTool.run(["dgst", "-sha256", "-verify", files.key.path, "-signature", files.signature.path, files.input.path])
            #expect(refused.status != 0)
        }
    }

    @Test("the XML read carries the same patient copy, which verifies after reading it from XML")
    func xmlRead() async throws {
        try await Fixture.withPatientCopyApp { client in
            let (draft, _) = try await Self.activatedTask(client)
            let id = try #require(draft.id?.value)
            let json = try await Self.insurantRead(client, id: id, format: .json)
            let xml = try await Self.insurantRead(client, id: id, format: .xml)
            #expect(xml.response.headers[.contentType]?.hasPrefix("application/fhir+xml") == true)
            #expect(xml.copy == json.copy)
            #expect(Fixture.inputReference(xml.task, type: "2") == Fixture.inputReference(json.task, type: "2"))
            try PatientCopy.verify(xml.copy, signedBy: Fixture.fdSig())
        }
    }

    @Test("every activation gets its own UUID; a representative with the AccessCode reads the patient copy too")
    func freshIDsAndRepresentative() async throws {
        try await Fixture.withPatientCopyApp { client in
            let first = try await Self.activatedTask(client)
            let second = try await Self.activatedTask(client)
            let firstCopy = try await Self.insurantRead(client, id: try #require(first.draft.id?.value)).copy
            let secondCopy = try await Self.insurantRead(client, id: try #require(second.draft.id?.value)).copy
            #expect(firstCopy.id != secondCopy.id)
            #expect(firstCopy.id?.value == Fixture.inputReference(first.activated, type: "2").map { String($0.dropFirst("Bundle/".count)) })

            let id = try #require(first.draft.id?.value)
            let representative = try await Fixture.get(
                client,
                "/Task/\(id)",
                token: try Fixture.insurantToken(Fixture.insurantB),
                accessCode: Fixture.identifier(first.draft, AccessCode.system)
            )
            #expect(representative.status == .ok)
            let bundle = try Fixture.decode(FHIR.Bundle.self, representative, format: .json)
            #expect(Fixture.includedBundles(bundle).first?.bundle == firstCopy)
            let stranger = try await Fixture.get(client, "/Task/\(id)", token: try Fixture.insurantToken(Fixture.insurantB))
            #expect(stranger.status == .forbidden)
        }
    }

    @Test("the stored patient copy is not readable in the SQLite file")
    func sealedAtRest() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patient-copy-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteWorkflowStore(directory: directory.path)
        try await Fixture.withPatientCopyApp(store: store) { client in
            let (draft, _) = try await Self.activatedTask(client)
            let id = try #require(draft.id?.value)
            let copy = try await Self.insurantRead(client, id: id).copy
            try await store.checkpoint()

            let database = directory.appendingPathComponent(SQLiteWorkflowStore.databaseFileName)
            var bytes = Array(try Data(contentsOf: database))
            let wal = database.path + "-wal"
            if FileManager.default.fileExists(atPath: wal) { bytes += Array(try Data(contentsOf: URL(fileURLWithPath: wal))) }
            #expect(Self.contains(bytes, Array(id.utf8)), "the task id is stored in clear, as a control")
            let signatureData = try #require(copy.signature?.data?.value)
            for secret in [try #require(copy.id?.value), String(signatureData.prefix(40)), #""resourceType":"Bundle""#, Fixture.kvnr] {
                #expect(!Self.contains(bytes, Array(secret.utf8)), "\(secret) is readable in the file")
            }
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }
}

/// An independent verifier of the patient copy in Python (`cryptography`): it canonicalizes the received JSON by its
/// own rules (root `signature`, `text`, `meta` removed; keys sorted; no whitespace; decimals as written) and checks the
/// detached JWS with the `x5c` certificate. A missing python3 or `cryptography` fails the test (CI installs them).
enum PythonOracle {
    struct Answer {
        let verified: Bool
        let canonical: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = #"""
        import base64, json, sys
        from decimal import Decimal
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

        def canon(v):
            if isinstance(v, dict):
                keys = sorted(v, key=lambda k: k.encode("utf-8"))
                return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canon(v[k]) for k in keys) + "}"
            if isinstance(v, list):
                return "[" + ",".join(canon(x) for x in v) + "]"
            if v is True: return "true"
            if v is False: return "false"
            if v is None: return "null"
            if isinstance(v, (int, Decimal)): return str(v)
            return json.dumps(v, ensure_ascii=False)

        def b64url(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
        def unb64url(text): return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

        request = json.load(sys.stdin)
        answer = json.loads(request["body"], parse_float=Decimal)
        copy = next(e["resource"] for e in answer["entry"] if e["resource"]["resourceType"] == "Bundle")
        signature = copy["signature"]
        assert signature["sigFormat"] == "application/jose" and signature["targetFormat"] == "application/fhir+json"
        content = {k: v for k, v in copy.items() if k not in ("signature", "text", "meta")}
        canonical = canon(content).encode("utf-8")
        header, payload, sig = base64.b64decode(signature["data"]).decode("ascii").split(".")
        assert payload == ""
        fields = json.loads(unb64url(header))
        assert fields["alg"] == "BP256R1"
        certificate = x509.load_der_x509_certificate(base64.b64decode(fields["x5c"][0]))
        key = certificate.public_key()
        assert key.curve.name == "brainpoolP256r1"
        signed = canonical
        if request["tamper"]:
            signed = bytearray(canonical); signed[len(signed) // 3] ^= 1; signed = bytes(signed)
        raw = unb64url(sig)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        try:
            key.verify(der, (header + "." + b64url(signed)).encode("ascii"), ec.ECDSA(hashes.SHA256()))
            verified = True
        except InvalidSignature:
            verified = False
        json.dump({"verified": verified, "canonical": base64.b64encode(canonical).decode("ascii")}, sys.stdout)
        """#

    /// Verifies the patient copy inside the insurant's JSON answer `responseBody`; with `tamper` one byte of the
    /// canonical content is flipped before checking.
    static func verify(responseBody: String, tamper: Bool) throws -> Answer {
        let request = try JSONSerialization.data(withJSONObject: ["body": responseBody, "tamper": tamper] as [String: Any])
        let output = try self.run(["-c", self.script], input: request)
        let object = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        guard let verified = object?["verified"] as? Bool, let canonical = (object?["canonical"] as? String).flatMap({ Data(base64Encoded: $0) })
        else { throw Failure(description: "unexpected answer from python3: \(String(decoding: output, as: UTF8.self))") }
        return Answer(verified: verified, canonical: Array(canonical))
    }

    private static func run(_ arguments: [String], input: Data) throws -> Data {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let executable = path.split(separator: ":").map({ "\($0)/python3" }).first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Failure(description: "`python3` not found in PATH; install it with `cryptography` (apt-get install python3-cryptography)")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("python-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = (
            input: scratch.appendingPathComponent("in"), output: scratch.appendingPathComponent("out"), error: scratch.appendingPathComponent("err")
        )
        try input.write(to: files.input)
        _ = FileManager.default.createFile(atPath: files.output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: files.error.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: files.input)
        process.standardOutput = try FileHandle(forWritingTo: files.output)
        process.standardError = try FileHandle(forWritingTo: files.error)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let error = String(decoding: try Data(contentsOf: files.error), as: UTF8.self)
            throw Failure(description: "python3 exited \(process.terminationStatus) (is `cryptography` installed?): \(error)")
        }
        return try Data(contentsOf: files.output)
    }
}

// SPDX-License-Identifier: Apache-2.0

import FHIR
import Foundation
import TICrypto
import Testing
import Workflow

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `erezept serve` killed with SIGKILL while concurrent lifecycles run: after a restart on the same data directory
/// every operation answered with 2xx is still there, and no PrescriptionID is handed out twice.
@Suite("erezept serve: crash recovery after SIGKILL", .serialized)
struct CrashRecoveryTests {
    /// How far a task got according to the answers received.
    enum Level: Int, Comparable, Sendable, CustomStringConvertible {
        case draft, ready, inProgress, completed

        var description: String { ["draft", "ready", "in-progress", "completed"][rawValue] }

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The Task statuses at or beyond this level.
        var statuses: Set<String> {
            Set([Level.draft, .ready, .inProgress, .completed].filter { $0 >= self }.map(\.description))
        }
    }

    /// What the 2xx answers of one task imply.
    struct Record: Sendable {
        var accessCode: String
        var level: Level
        var secret: String?
    }

    /// Every 2xx answer, and every answer that was not 2xx before the kill.
    actor Ledger {
        private(set) var tasks: [String: Record] = [:]
        private(set) var unexpected: [String] = []

        func record(_ id: String, _ level: Level, accessCode: String? = nil, secret: String? = nil) {
            var record = tasks[id] ?? Record(accessCode: accessCode ?? "", level: level, secret: nil)
            record.level = max(record.level, level)
            if let secret { record.secret = secret }
            tasks[id] = record
        }

        func unexpected(_ text: String) { unexpected.append(text) }

        func count(_ level: Level) -> Int { tasks.values.filter { $0.level == level }.count }
    }

    /// `erezept serve` on `port` with data in `directory/data`; its output stays in `directory`.
    private static func server(directory: URL, port: Int) throws -> ErezeptProcess.Server {
        try ErezeptProcess.Server(["--data", directory.appendingPathComponent("data").path, "--port", String(port)], outputIn: directory)
    }

    /// Tokens and signing material for one running server.
    struct Client: Sendable {
        let base: String
        let pki: TestPKI
        let practice: String
        let pharmacy: String
        let insurant: String
        let bundle: String

        static let kvnr = "K030182229"

        init(base: String, pki: TestPKI) throws {
            self.base = base
            self.pki = pki
            practice = try pki.accessToken(for: "practice-a", audience: base)
            pharmacy = try pki.accessToken(for: "pharmacy-a", audience: base)
            insurant = try pki.accessToken(for: "insurant-a", audience: base)
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("../shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml")
                .standardizedFileURL
            bundle = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: TaskFixture.kvnr, with: Self.kvnr)
        }

        func send(
            _ method: String,
            _ path: String,
            token: String,
            accessCode: String? = nil,
            body: (some FHIRResource)? = FHIR.Parameters?.none
        ) async throws -> (status: Int, body: [UInt8]) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = method
            request.timeoutInterval = 10
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/fhir+json", forHTTPHeaderField: "Accept")
            if let accessCode { request.setValue(accessCode, forHTTPHeaderField: "X-AccessCode") }
            if let body {
                request.setValue("application/fhir+json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(FHIREncoder(format: .json).encode(body))
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
        }

        /// The `$activate` body: the bundle with PrescriptionID `id` and today's authoredOn (Europe/Berlin), signed now
        /// by doctor-a.
        func activation(id: String) throws -> FHIR.Parameters {
            let now = Date()
            let formatter = DateFormatter()
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
            formatter.dateFormat = "yyyy-MM-dd"
            let day = formatter.string(from: now)
            var text = bundle.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"\(day)\"/>" }
            text = text.replacingOccurrences(of: TaskFixture.prescriptionID, with: id)
            let identity = try pki.identity(named: "doctor-a")
            let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
            let signer = try CMSSigner(key: identity.privateKey, certificateDER: identity.certificate.derEncoded, chainDER: chain)
            return TaskFixture.activateParameters(try signer.sign(Array(text.utf8), signingTime: now))
        }

        /// `$create` by practice A; the Task's id and AccessCode.
        func create() async throws -> (status: Int, id: String, accessCode: String) {
            let (status, body) = try await send("POST", "/Task/$create", token: practice, body: TaskFixture.createParameters())
            guard status == 201 else { return (status, String(decoding: body, as: UTF8.self), "") }
            let task = try FHIRDecoder().decode(FHIR.Task.self, from: body, format: .json)
            return (status, task.id?.value ?? "", TaskFixture.identifier(task, AccessCode.system) ?? "")
        }

        func activate(_ id: String, accessCode: String) async throws -> (status: Int, body: [UInt8]) {
            try await send("POST", "/Task/\(id)/$activate", token: practice, accessCode: accessCode, body: try activation(id: id))
        }

        /// The Task and the other entries of a Bundle answer.
        static func tasks(in body: [UInt8]) throws -> (task: FHIR.Task?, entries: [FHIR.Bundle.Entry]) {
            let bundle = try FHIRDecoder().decode(FHIR.Bundle.self, from: body, format: .json)
            guard case .task(let task) = bundle.entry.first?.resource else { return (nil, bundle.entry) }
            return (task, bundle.entry)
        }

        /// One lifecycle `$create` → `$activate` → `$accept` → `$close`, each 2xx answer recorded in `ledger`.
        func lifecycle(_ ledger: Ledger) async throws {
            let created = try await create()
            guard created.status == 201 else {
                return await ledger.unexpected("$create \(created.status): \(created.id)")
            }
            let id = created.id
            await ledger.record(id, .draft, accessCode: created.accessCode)
            let activated = try await activate(id, accessCode: created.accessCode)
            guard activated.status == 200 else {
                return await ledger.unexpected("$activate \(id) \(activated.status): \(String(decoding: activated.body, as: UTF8.self))")
            }
            await ledger.record(id, .ready)
            let accepted = try await send("POST", "/Task/\(id)/$accept?ac=\(created.accessCode)", token: pharmacy)
            guard accepted.status == 200, let task = try Self.tasks(in: accepted.body).task,
                let secret = TaskFixture.identifier(task, Secret.system)
            else {
                return await ledger.unexpected("$accept \(id) \(accepted.status): \(String(decoding: accepted.body, as: UTF8.self))")
            }
            await ledger.record(id, .inProgress, secret: secret)
            let dispense = try TaskFixture.dispenseParameters(id: id, kvnr: Self.kvnr)
            let closed = try await send("POST", "/Task/\(id)/$close?secret=\(secret)", token: pharmacy, body: dispense)
            guard closed.status == 200 else {
                return await ledger.unexpected("$close \(id) \(closed.status): \(String(decoding: closed.body, as: UTF8.self))")
            }
            await ledger.record(id, .completed)
        }
    }

    /// Polls /metadata until it answers 200 (at most 60 s); the server's PKI.
    private func waitUntilReady(_ server: ErezeptProcess.Server, base: String, pki: URL) async throws -> TestPKI {
        for _ in 0..<600 {
            #expect(server.process.isRunning, "serve exited: \(server.text)")
            if !server.process.isRunning { break }
            if let loaded = try? TestPKI.load(from: pki), let client = try? Client(base: base, pki: loaded),
                let (status, _) = try? await client.send("GET", "/metadata", token: client.practice), status == 200
            {
                return loaded
            }
            try await _Concurrency.Task.sleep(for: .milliseconds(100))
        }
        Issue.record("serve did not become ready: \(server.text)")
        throw CancellationError()
    }

    @Test("SIGKILL during concurrent lifecycles loses no 2xx operation, and the server restarts cleanly")
    func killDuringLifecycles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pkiDirectory = directory.appendingPathComponent("data/pki")
        let firstPort = Int.random(in: 20_000...59_999)

        let first = try Self.server(directory: directory, port: firstPort)
        defer { if first.process.isRunning { first.process.terminate() } }
        let firstBase = "http://127.0.0.1:\(firstPort)"
        let client = try Client(base: firstBase, pki: try await waitUntilReady(first, base: firstBase, pki: pkiDirectory))
        let ledger = Ledger()
        // One full lifecycle before the load, so that a completed task is always among those checked.
        try await client.lifecycle(ledger)
        let warmUp = await ledger.unexpected
        try #require(await ledger.count(.completed) == 1, "\(warmUp)")

        let killed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    // Until the kill makes a request fail.
                    while (try? await client.lifecycle(ledger)) != nil {}
                    return false
                }
            }
            group.addTask {
                try await _Concurrency.Task.sleep(for: .milliseconds(Int.random(in: 1_500...3_000)))
                try await first.kill()
                return true
            }
            var killed = false
            for try await result in group { killed = killed || result }
            return killed
        }
        try #require(killed && !first.process.isRunning, "serve not killed: \(first.text)")
        #expect(first.process.terminationReason == .uncaughtSignal)
        #expect(first.process.terminationStatus == SIGKILL)
        let unexpected = await ledger.unexpected
        #expect(unexpected.isEmpty, "answers other than 2xx before the kill: \(unexpected)")
        let tasks = await ledger.tasks
        #expect(await ledger.count(.completed) >= 1)

        // The restart on the same data directory (another port, so that a socket left from the kill cannot block it).
        let second = try Self.server(directory: directory, port: firstPort + 1)
        defer { if second.process.isRunning { second.process.terminate() } }
        let secondBase = "http://127.0.0.1:\(firstPort + 1)"
        let again = try Client(base: secondBase, pki: try await waitUntilReady(second, base: secondBase, pki: pkiDirectory))
        #expect(!second.text.contains("(created now)"))
        let (metadata, _) = try await again.send("GET", "/metadata", token: again.practice)
        #expect(metadata == 200)

        for (id, record) in tasks {
            switch record.level {
            case .inProgress, .completed:
                // The pharmacy that accepted it reads it with the Secret; a completed task comes with its receipt.
                let (status, body) = try await again.send("GET", "/Task/\(id)?secret=\(record.secret ?? "")", token: again.pharmacy)
                #expect(status == 200, "\(id) (\(record.level)): \(String(decoding: body, as: UTF8.self))")
                guard status == 200 else { continue }
                let (task, entries) = try Client.tasks(in: body)
                let found = task?.status.value ?? ""
                #expect(record.level.statuses.contains(found), "\(id): recorded \(record.level), found \(found)")
                if found == "completed" {
                    #expect(entries.count == 2, "\(id): completed without receipt")
                    if case .bundle = entries.last?.resource {} else { Issue.record("\(id): the second entry is no receipt Bundle") }
                }
            case .ready:
                // The insurant of the bundle sees it, and the practice cannot activate it again.
                let (status, body) = try await again.send("GET", "/Task/\(id)", token: again.insurant)
                #expect(status == 200, "\(id) (ready): \(String(decoding: body, as: UTF8.self))")
                if status == 200 {
                    let found = try Client.tasks(in: body).task?.status.value ?? ""
                    #expect(record.level.statuses.contains(found), "\(id): recorded ready, found \(found)")
                }
                let (reactivated, answer) = try await again.activate(id, accessCode: record.accessCode)
                let text = String(decoding: answer, as: UTF8.self)
                #expect(reactivated == 403 && text.contains("not in status draft"), "\(id) re-$activate \(reactivated): \(text)")
            case .draft:
                // It exists: $activate now succeeds, or says it is no longer a draft (an $activate in flight committed).
                let (status, answer) = try await again.activate(id, accessCode: record.accessCode)
                let text = String(decoding: answer, as: UTF8.self)
                #expect(status == 200 || (status == 403 && text.contains("not in status draft")), "\(id) (draft) $activate \(status): \(text)")
            }
        }

        // No sequence number is reused: a new $create gets a PrescriptionID never seen before, and it works end to end.
        let after = Ledger()
        try await again.lifecycle(after)
        let unexpectedAfter = await after.unexpected
        #expect(unexpectedAfter.isEmpty, "\(unexpectedAfter)")
        let newIDs = await after.tasks.keys
        #expect(newIDs.count == 1)
        for id in newIDs { #expect(tasks[id] == nil, "PrescriptionID \(id) handed out again after the restart") }

        let log = second.text.lowercased().split(separator: "\n")
        let databaseErrors = log.filter { line in
            ["error", "fail", "corrupt"].contains { line.contains($0) }
                && ["database", "sqlite", "storage", "journal"].contains { line.contains($0) }
        }
        #expect(databaseErrors.isEmpty, "\(second.text)")
        #expect(try await second.stop() == 0, "\(second.text)")
        let levels = Dictionary(grouping: tasks.values) { $0.level.description }.mapValues(\.count)
        print("CrashRecoveryTests: \(tasks.count) tasks checked after the kill, by recorded level: \(levels)")
    }
}

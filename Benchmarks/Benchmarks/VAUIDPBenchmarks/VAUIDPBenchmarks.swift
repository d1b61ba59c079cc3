// SPDX-License-Identifier: Apache-2.0

import Benchmark
import Crypto
import Fachdienst
import Foundation
import RouterBenchmarkSupport
import Synchronization
import TICrypto
import Workflow

/// The IDP login round trip and the insurant's `GET /Task/{id}` through the VAU channel against the in-process router,
/// with the plain `GET /Task/{id}`, the VAU layer's cryptographic floor and the brainpoolP256r1 unit costs measured in
/// the same run, so that the VAU layer's overhead and the brainpool share can be computed from one results table.
///
/// The client's side of a VAU request (ephemeral key, ECDH, sealing; opening the answer) runs outside the measured
/// region: only the server's handling of `POST /VAU/{pseudonym}` is measured. The IDP login measures client and server
/// together (the client needs the server's answers) and reports the server's share from the CPU time of its requests.
let benchmarks: @Sendable () -> Void = {
    let world = VAUIDPWorld.shared

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, Measured.processCPU, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )

    // MARK: IDP

    Benchmark(
        "IDP login round trip (after discovery)",
        configuration: .init(
            metrics: [.wallClock, Measured.processCPU, Measured.serverCPU, Measured.clientCPU, .mallocCountTotal],
            timeUnits: .microseconds,
            warmupIterations: 5,
            maxDuration: .seconds(8),
            maxIterations: 500
        )
    ) { benchmark in
        let setup = try await world.setup.value
        let measured = Measured(benchmark)
        let server = ServerTime()
        measured.start()
        let token = try await IDPLogin.login(world.client, setup.discovery, card: world.card, server: server)
        measured.stop(serverCPUNanoseconds: server.cpuNanoseconds)
        blackHole(token)
    }

    Benchmark("IDP discovery (once per client, not part of a login)") { benchmark in
        _ = try await world.setup.value
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try await Discovery.fetch(world.client, trustStore: world.pki.trustStore, now: world.now))
        measured.stop()
    }

    // MARK: VAU

    let vauConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, Measured.processCPU, Measured.tokenVerifications, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )

    Benchmark("GET /Task/{id} plain (insurant)", configuration: vauConfiguration) { benchmark in
        let setup = try await world.setup.value
        let measured = Measured(benchmark)
        let verifications = world.signatureCounter.count
        measured.start()
        let response = try await world.plainGetTask(setup.taskID)
        measured.stop(tokenVerifications: world.signatureCounter.count - verifications)
        blackHole(response)
    }

    Benchmark("VAU POST /VAU/{pseudonym} with GET /Task/{id} (server only)", configuration: vauConfiguration) { benchmark in
        let setup = try await world.setup.value
        let sealed = try world.sealGetTask(setup.taskID, token: world.insurantToken)
        let measured = Measured(benchmark)
        let verifications = world.signatureCounter.count
        measured.start()
        let response = try await world.postVAU(sealed)
        measured.stop(tokenVerifications: world.signatureCounter.count - verifications)
        blackHole(try world.openVAU(response, sealed))
    }

    Benchmark("VAU POST /VAU/{pseudonym} with GET /Task/{id}, first use of a token", configuration: vauConfiguration) { benchmark in
        let setup = try await world.setup.value
        let sealed = try world.sealGetTask(setup.taskID, token: try world.freshInsurantToken())
        let measured = Measured(benchmark)
        let verifications = world.signatureCounter.count
        measured.start()
        let response = try await world.postVAU(sealed)
        measured.stop(tokenVerifications: world.signatureCounter.count - verifications)
        blackHole(try world.openVAU(response, sealed))
    }

    let pairedSamples = Atomic<Int>(0)

    // The three parts of the ratio in one sample each, one after the other, so that the machine's load and the growth
    // of the database (every insurant read adds an AuditEvent) affect them alike.
    Benchmark(
        "VAU overhead, paired: plain GET, VAU POST and the VAU floor in each sample",
        configuration: .init(
            metrics: [.wallClock, Measured.plainCPU, Measured.vauCPU, Measured.floorCPU, Measured.tokenVerifications],
            timeUnits: .microseconds,
            warmupIterations: 10,
            maxDuration: .seconds(10),
            maxIterations: 1_000
        )
    ) { benchmark in
        let setup = try await world.setup.value
        let floor = try await world.floor()
        let sealed = try world.sealGetTask(setup.taskID, token: world.insurantToken)
        let verifications = world.signatureCounter.count
        // Whichever request runs second finds the caches warmed by the first; the order alternates between samples.
        let plainFirst = pairedSamples.add(1, ordering: .relaxed).newValue % 2 == 0
        benchmark.startMeasurement()
        var plain = 0
        if plainFirst { plain = try await cpuTime { blackHole(try await world.plainGetTask(setup.taskID)) } }
        var response: RouterClient.Response?
        let vau = try await cpuTime { response = try await world.postVAU(sealed) }
        if !plainFirst { plain = try await cpuTime { blackHole(try await world.plainGetTask(setup.taskID)) } }
        let start = CPUClock.processNanoseconds()
        blackHole(try floor.unavoidableWork(privateKey: world.vauPrivateKey))
        let unavoidable = CPUClock.processNanoseconds() - start
        benchmark.stopMeasurement()
        benchmark.measurement(Measured.plainCPU, plain / 1_000)
        benchmark.measurement(Measured.vauCPU, vau / 1_000)
        benchmark.measurement(Measured.floorCPU, unavoidable / 1_000)
        benchmark.measurement(Measured.tokenVerifications, world.signatureCounter.count - verifications)
        guard let response else { throw BenchmarkFailure("no VAU answer") }
        blackHole(try world.openVAU(response, sealed))
    }

    Benchmark("VAU floor: brainpool ECDH + HKDF-SHA256 + AES-128-GCM open and seal") { benchmark in
        let floor = try await world.floor()
        let measured = Measured(benchmark)
        measured.start()
        let result = try floor.unavoidableWork(privateKey: world.vauPrivateKey)
        measured.stop()
        blackHole(result)
    }

    Benchmark("VAU floor via TICrypto (VAUCrypto.decrypt + VAUResponse.seal)") { benchmark in
        let floor = try await world.floor()
        let measured = Measured(benchmark)
        measured.start()
        let plaintext = try VAUCrypto.decrypt(floor.request, with: world.vauPrivateKey)
        let response = try VAUResponse.seal(floor.responsePlaintext, key: floor.responseKeyBytes)
        measured.stop()
        blackHole(plaintext)
        blackHole(response)
    }

    Benchmark("VAU client: seal GET /Task/{id} (not in the server's measurements)") { benchmark in
        let setup = try await world.setup.value
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try world.sealGetTask(setup.taskID, token: world.insurantToken))
        measured.stop()
    }

    // What the VAU channel's two header checks (media type of the body, Bearer token of the inner request) cost with
    // Foundation's trimmingCharacters(in: .whitespaces), which the channel used before, and with the scalar loop it
    // uses now.
    let bearer = Substring(" " + world.insurantToken)
    Benchmark("header trim: Foundation trimmingCharacters, media type and 1 KB token") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(Substring("application/octet-stream").trimmingCharacters(in: .whitespaces).lowercased())
        blackHole(bearer.trimmingCharacters(in: .whitespaces) == world.insurantToken)
        measured.stop()
    }

    Benchmark("header trim: scalar loop, media type and 1 KB token") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(trimmingWhitespace(Substring("application/octet-stream")).lowercased())
        blackHole(trimmingWhitespace(bearer) == world.insurantToken)
        measured.stop()
    }

    // MARK: brainpoolP256r1 unit costs

    let units = BrainpoolUnits.make()

    Benchmark("brainpool ECDSA sign (JWS BP256R1 of a token)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try units.signingKey.signature(for: units.message))
        measured.stop()
    }

    Benchmark("brainpool ECDSA verify (JWS BP256R1 of a token)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(units.signingKey.publicKey.isValidSignature(units.signature, for: units.message))
        measured.stop()
    }

    Benchmark("brainpool ECDH (point check of the peer key + shared secret)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        let peer = try BrainpoolP256r1.KeyAgreement.PublicKey(rawRepresentation: units.peerRaw)
        blackHole(try units.agreementKey.sharedSecret(with: peer))
        measured.stop()
    }

    Benchmark("brainpool key generation (ephemeral key of a JWE or VAU request)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try BrainpoolP256r1.KeyAgreement.PrivateKey())
        measured.stop()
    }

    Benchmark("access token verify without cache (AccessTokenVerifier, cache capacity 0)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try units.uncachedVerifier.verify(world.insurantToken))
        measured.stop()
    }
}

/// The VAU channel's whitespace trim (`VAUChannel.trimmingWhitespace`, which is internal to Fachdienst).
func trimmingWhitespace(_ text: Substring) -> Substring {
    let whitespace = CharacterSet.whitespaces
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !whitespace.contains($0) }),
        let last = scalars.lastIndex(where: { !whitespace.contains($0) })
    else { return "" }
    return Substring(scalars[first...last])
}

/// The process CPU time `body` takes, in nanoseconds.
func cpuTime(_ body: () async throws -> Void) async rethrows -> Int {
    let start = CPUClock.processNanoseconds()
    try await body()
    return CPUClock.processNanoseconds() - start
}

/// The keys and data of the brainpoolP256r1 unit-cost benchmarks.
struct BrainpoolUnits: Sendable {
    let signingKey: BrainpoolP256r1.Signing.PrivateKey
    let message: [UInt8]
    let signature: ECDSASignature
    let agreementKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    let peerRaw: [UInt8]
    let uncachedVerifier: AccessTokenVerifier

    static func make() -> BrainpoolUnits {
        do {
            let world = VAUIDPWorld.shared
            let signingKey = try BrainpoolP256r1.Signing.PrivateKey()
            // A signing input of the size of an access token's header and payload.
            let message = Array(world.insurantToken.split(separator: ".").prefix(2).joined(separator: ".").utf8)
            return BrainpoolUnits(
                signingKey: signingKey,
                message: message,
                signature: try signingKey.signature(for: message),
                agreementKey: try BrainpoolP256r1.KeyAgreement.PrivateKey(),
                peerRaw: try BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey.rawRepresentation,
                uncachedVerifier: AccessTokenVerifier(
                    signatureVerifier: try IDPSignatureVerifier(certificate: try world.pki.identity(named: "idp-sig").certificate),
                    audience: VAUIDPWorld.audience,
                    clock: FixedClock(world.now),
                    cacheCapacity: 0
                )
            )
        } catch {
            fatalError("the brainpool fixture cannot be set up: \(error)")
        }
    }
}

/// A benchmark handed into the `@Sendable` test closure, which runs on the benchmark's own task, that also records
/// the process's CPU time between `start()` and `stop()` (all threads: the router's tasks, the database queue).
///
/// The harness's own `cpuTotal` metric reads the kernel's 10 ms ticks, too coarse for a millisecond operation;
/// `CLOCK_PROCESS_CPUTIME_ID` counts nanoseconds.
final class Measured: @unchecked Sendable {
    /// CPU time of the whole process per sample, in microseconds.
    static let processCPU = BenchmarkMetric.custom("CPU µs (process)", polarity: .prefersSmaller, useScalingFactor: false)
    /// CPU time during the IDP's requests of a login, in microseconds.
    static let serverCPU = BenchmarkMetric.custom("CPU µs (server requests)", polarity: .prefersSmaller, useScalingFactor: false)
    /// CPU time of a login outside the IDP's requests (the client's work), in microseconds.
    static let clientCPU = BenchmarkMetric.custom("CPU µs (client)", polarity: .prefersSmaller, useScalingFactor: false)
    /// CPU time of the plain `GET /Task/{id}` in a paired sample, in microseconds.
    static let plainCPU = BenchmarkMetric.custom("CPU µs (plain GET)", polarity: .prefersSmaller, useScalingFactor: false)
    /// CPU time of the VAU `POST /VAU/{pseudonym}` in a paired sample, in microseconds.
    static let vauCPU = BenchmarkMetric.custom("CPU µs (VAU POST)", polarity: .prefersSmaller, useScalingFactor: false)
    /// CPU time of the VAU floor in a paired sample, in microseconds.
    static let floorCPU = BenchmarkMetric.custom("CPU µs (VAU floor)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Access-token signature checks during the sample.
    static let tokenVerifications = BenchmarkMetric.custom("token signature checks", polarity: .prefersSmaller, useScalingFactor: false)

    let benchmark: Benchmark
    private var startedAt: Int = 0

    init(_ benchmark: Benchmark) { self.benchmark = benchmark }

    func start() {
        self.startedAt = CPUClock.processNanoseconds()
        self.benchmark.startMeasurement()
    }

    func stop(serverCPUNanoseconds: Int? = nil, tokenVerifications: Int? = nil) {
        self.benchmark.stopMeasurement()
        let total = CPUClock.processNanoseconds() - self.startedAt
        self.benchmark.measurement(Self.processCPU, total / 1_000)
        if let serverCPUNanoseconds {
            self.benchmark.measurement(Self.serverCPU, serverCPUNanoseconds / 1_000)
            self.benchmark.measurement(Self.clientCPU, (total - serverCPUNanoseconds) / 1_000)
        }
        if let tokenVerifications { self.benchmark.measurement(Self.tokenVerifications, tokenVerifications) }
    }
}

/// The VAU layer's cryptographic floor for the benchmark's `GET /Task/{id}`: a sealed request of the real size and a
/// response plaintext of the size the server encrypts for it.
struct VAUFloor: Sendable {
    let request: [UInt8]
    let responsePlaintext: [UInt8]
    let responseKeyBytes: [UInt8]
    var responseKey: SymmetricKey { SymmetricKey(data: self.responseKeyBytes) }

    /// What the server cannot avoid for one VAU request: the brainpool ECDH with its key (the client's ephemeral point
    /// is checked on the curve as it is parsed), HKDF-SHA256, AES-128-GCM open of the request, AES-128-GCM seal of
    /// the response. Swift Crypto directly, without the project's VAU code.
    func unavoidableWork(privateKey: BrainpoolP256r1.KeyAgreement.PrivateKey) throws -> (Data, AES.GCM.SealedBox) {
        let peer = try BrainpoolP256r1.KeyAgreement.PublicKey(rawRepresentation: self.request[1..<65])
        let secret = try privateKey.sharedSecret(with: peer)
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret),
            salt: [UInt8](),
            info: Array("ecies-vau-transport".utf8),
            outputByteCount: 16
        )
        let plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: self.request[65...]), using: key)
        return (plaintext, try AES.GCM.seal(self.responsePlaintext, using: self.responseKey))
    }
}

extension VAUIDPWorld {
    private static let floorCache = Mutex<VAUFloor?>(nil)

    /// Made on first use from one real exchange.
    func floor() async throws -> VAUFloor {
        if let floor = Self.floorCache.withLock({ $0 }) { return floor }
        let setup = try await self.setup.value
        let sealed = try self.sealGetTask(setup.taskID, token: self.insurantToken)
        let response = try await self.postVAU(sealed)
        _ = try self.openVAU(response, sealed)
        // The answer is IV (12) ‖ ciphertext ‖ tag (16); the plaintext is as long as the ciphertext.
        let floor = VAUFloor(
            request: Array(buffer: sealed.body),
            responsePlaintext: IDPLogin.randomBytes(response.body.readableBytes - 28),
            responseKeyBytes: IDPLogin.randomBytes(16)
        )
        Self.floorCache.withLock { $0 = floor }
        if ProcessInfo.processInfo.environment["VAUIDP_PRINT_SIZES"] == "1" {
            let signingInput = self.insurantToken.split(separator: ".").prefix(2).joined(separator: ".").utf8.count
            print(
                "VAU request plaintext \(floor.request.count - VAUCrypto.minimumMessageByteCount) B, response plaintext "
                    + "\(floor.responsePlaintext.count) B, token \(self.insurantToken.utf8.count) B, signing input \(signingInput) B"
            )
        }
        return floor
    }
}

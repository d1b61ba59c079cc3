// SPDX-License-Identifier: Apache-2.0

import Benchmark
import Foundation
import TICrypto

/// The cryptographic floor of every request the server serves: brainpoolP256r1 ECDSA and ECDH, CMS/CAdES of a
/// 20 KB prescription bundle, and the VAU decryption of a 2 KB request.
///
/// The signer key and its self-signed certificate in `Fixtures/bench-signer.*` exist for this benchmark only.
let benchmarks: @Sendable () -> Void = {
    let fixture = CryptoFixture.load()

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        timeUnits: .microseconds,
        warmupIterations: 20,
        maxDuration: .seconds(4),
        maxIterations: 5_000
    )

    Benchmark("brainpool ECDSA sign (1 KB)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.signingKey.signature(for: fixture.kilobyte))
        }
    }

    Benchmark("brainpool ECDSA verify (1 KB)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.signingKey.publicKey.isValidSignature(fixture.kilobyteSignature, for: fixture.kilobyte))
        }
    }

    Benchmark("brainpool ECDH") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.agreementKey.sharedSecret(with: fixture.peerKey))
        }
    }

    Benchmark("CMS CAdES sign (\(fixture.bundle.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.signer.sign(fixture.bundle))
        }
    }

    Benchmark("CMS parse and verify (\(fixture.bundle.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CMSSignedData(derEncoded: fixture.signedBundle).verifySignature())
        }
    }

    Benchmark("VAU decrypt (\(fixture.vauRequest.count - 93) byte request)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try VAUCrypto.decrypt(fixture.vauRequest, with: fixture.agreementKey))
        }
    }
}

/// Keys, documents and signatures shared by the benchmarks, checked once so that a broken setup stops the run.
struct CryptoFixture: Sendable {
    let signingKey: BrainpoolP256r1.Signing.PrivateKey
    let signer: CMSSigner
    let agreementKey: BrainpoolP256r1.KeyAgreement.PrivateKey
    let peerKey: BrainpoolP256r1.KeyAgreement.PublicKey
    let kilobyte: [UInt8]
    let kilobyteSignature: ECDSASignature
    let bundle: [UInt8]
    let signedBundle: [UInt8]
    let vauRequest: [UInt8]

    static func load() -> CryptoFixture {
        let fixtures = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        func read(_ name: String) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent(name).path) else {
                fatalError("cannot read the fixture \(name)")
            }
            return [UInt8](data)
        }
        do {
            let signingKey = try BrainpoolP256r1.Signing.PrivateKey(pemRepresentation: String(decoding: read("bench-signer.key.pem"), as: UTF8.self))
            let signer = try CMSSigner(key: signingKey, certificateDER: read("bench-signer.cert.der"))
            let agreementKey = try BrainpoolP256r1.KeyAgreement.PrivateKey()
            let peerKey = try BrainpoolP256r1.KeyAgreement.PrivateKey().publicKey
            let kilobyte = [UInt8](repeating: 0x5A, count: 1_024)
            let bundle = read("kbv-prescription-bundle.xml")
            let signedBundle = try signer.sign(bundle)
            guard try CMSSignedData(derEncoded: signedBundle).verifySignature().isValidCAdESBES else {
                fatalError("the benchmark's own CAdES signature does not verify")
            }
            // A VAU request whose inner HTTP request is 2 KB, as a client would send it.
            let plaintext = [UInt8](repeating: UInt8(ascii: "a"), count: 2_048)
            let vauRequest = try VAUCrypto.encrypt(plaintext: plaintext, recipient: agreementKey.publicKey)
            return CryptoFixture(
                signingKey: signingKey,
                signer: signer,
                agreementKey: agreementKey,
                peerKey: peerKey,
                kilobyte: kilobyte,
                kilobyteSignature: try signingKey.signature(for: kilobyte),
                bundle: bundle,
                signedBundle: signedBundle,
                vauRequest: vauRequest
            )
        } catch {
            fatalError("the crypto fixture cannot be set up: \(error)")
        }
    }
}

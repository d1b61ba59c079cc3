// SPDX-License-Identifier: Apache-2.0

import TICrypto
import Testing

/// Keys are `Sendable`: one key used from many tasks at once signs, verifies and agrees correctly.
struct ConcurrentUseTests {
    @Test("one brainpool key signs and verifies from eight tasks concurrently")
    func concurrentSigning() async throws {
        let key = try BrainpoolP256r1.Signing.PrivateKey()
        let publicKey = key.publicKey
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<25 {
                        let message = Array("task \(task) message \(index)".utf8)
                        guard publicKey.isValidSignature(try key.signature(for: message), for: message) else { return false }
                    }
                    return true
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 8))
    }

    @Test("one VAU key decrypts from eight tasks concurrently")
    func concurrentDecryption() async throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey(rawRepresentation: VAUTestVector.serverScalar)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10 {
                        guard try VAUCrypto.decrypt(VAUTestVector.message, with: server) == VAUTestVector.plaintext else { return false }
                    }
                    return true
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 8))
    }
}

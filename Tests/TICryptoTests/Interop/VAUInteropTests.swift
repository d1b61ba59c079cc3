// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// ERP-VAU against an independent implementation: Python `cryptography` running `ecies_vau.py` (next to this file).
struct VAUInteropTests {
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ecies_vau.py").path

    private static func python(_ command: String, _ first: [UInt8], _ second: [UInt8]) throws -> [UInt8] {
        let output = try ExternalTool.python([Self.script, command, first.hexString, second.hexString])
        return try #require([UInt8](hexString: output.text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("a message Python encrypts for our key decrypts with us")
    func pythonEncryptsWeDecrypt() throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        for plaintext in [[], Array("1 eyJhbGciOiJCUDI1NlIxIn0 0123 4567 GET /Task HTTP/1.1\r\n\r\n".utf8)] as [[UInt8]] {
            let message = try Self.python("encrypt", server.publicKey.x963Representation, plaintext)
            #expect(try VAUCrypto.decrypt(message, with: server) == plaintext)
        }
    }

    @Test("a message we encrypt decrypts with Python, including one whose ECDH secret starts with 0x00")
    func weEncryptPythonDecrypts() throws {
        let server = try BrainpoolP256r1.KeyAgreement.PrivateKey()
        let plaintext = Array("Hallo Test".utf8)
        let message = try VAUCrypto.encrypt(plaintext: plaintext, recipient: server.publicKey)
        #expect(try Self.python("decrypt", server.rawRepresentation, message) == plaintext)
        // The padding bug the spec warns about shows only when the X coordinate has a leading zero byte.
        let pair = try LeadingZeroPair.find()
        let padded = try VAUCrypto.encrypt(plaintext: plaintext, recipient: pair.bob.publicKey, ephemeralKey: pair.alice)
        #expect(try Self.python("decrypt", pair.bob.rawRepresentation, padded) == plaintext)
    }

    @Test("the published vector decrypts with Python too (the oracle itself is right)")
    func oracleSelfCheck() throws {
        #expect(try Self.python("decrypt", VAUTestVector.serverScalar, VAUTestVector.message) == VAUTestVector.plaintext)
    }

    @Test("VAU responses interoperate with Python in both directions")
    func responses() throws {
        let key = (0..<16).map { UInt8($0) }
        let plaintext = Array("1 00112233445566778899aabbccddeeff HTTP/1.1 201 Created\r\n\r\n".utf8)
        let sealedByPython = try Self.python("response-seal", key, plaintext)
        #expect(try VAUResponse.open(sealedByPython, key: key) == plaintext)
        #expect(try Self.python("response-open", key, VAUResponse.seal(plaintext, key: key)) == plaintext)
    }
}

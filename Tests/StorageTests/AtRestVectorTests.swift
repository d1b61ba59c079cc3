// SPDX-License-Identifier: Apache-2.0

import Crypto
import TestSupport
import Testing

@testable import Storage

/// Pins the key derivation, the ciphertext format and the lookup hashes: the expected values are recomputed by Python
/// `cryptography` on every run and also fixed here, so neither side can drift unnoticed.
struct AtRestVectorTests {
    private static let masterKey = [UInt8](0..<32)
    private static let nonce = bytes(hex: "a0a1a2a3a4a5a6a7a8a9aaab")
    private static let plaintext = Array(#"{"resourceType":"Bundle"}"#.utf8)
    private static let associatedData = Array("Task/160.000.100.000.001.05".utf8)
    private static let kvnr = "X110580065"
    private static let telematikID = "3-SMC-B-Testkarte-883110000116873"

    private static let expected = [
        // data key of X110580065
        "7b267ae411b0572c9a77903d2fc31d6630d977eabeab36ac17bcc797109bc405",
        // data key without insurant
        "8b45249927af1c70cf57f0184f94b2aac3dc46e89d04bc07afc83d3aff171166",
        // lookup key
        "a0cc5b85281a6464c6541b8d97f9d6eda6e7622281bbbfb465cc2bdc9e96fdad",
        // ciphertext for X110580065
        "01a0a1a2a3a4a5a6a7a8a9aaab030c7b4e9c48e33ced49f998e9624898b2bbc623754f7b803799dd761362b2d06368d72acc17739194",
        // ciphertext without insurant
        "01a0a1a2a3a4a5a6a7a8a9aaabee0afef09ea9add053073eaa27931c76555f0f962dc8b8e7d89e49119c067f065cffc23e3feec9fcc5",
        // lookup hash of the KVNR
        "3bf45e579110bf95e2bd7cf0bc42be6d59c40e790fe5bd3739f94c65d77e5bbb",
        // lookup hash of the Telematik-ID
        "afb0e7b50f335e19a37c04100e8313a14c6d62a64a752c123d7e5bb4084f5483",
    ]

    private static let oracle = """
        import sys
        from cryptography.hazmat.primitives import hashes, hmac
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        master, nonce, plaintext, aad = (bytes.fromhex(a) for a in sys.argv[1:5])
        kvnr, telematik = sys.argv[5].encode(), sys.argv[6].encode()
        def derive(info):
            return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)
        insurant_key = derive(b"erezept-storage/v1/data/insurant/" + kvnr)
        none_key = derive(b"erezept-storage/v1/data/none")
        lookup_key = derive(b"erezept-storage/v1/lookup")
        def seal(key):
            return b"\\x01" + nonce + AESGCM(key).encrypt(nonce, plaintext, b"\\x01" + aad)
        def lookup(label, value):
            h = hmac.HMAC(lookup_key, hashes.SHA256())
            h.update(label + b"\\x00" + value)
            return h.finalize()
        for value in (insurant_key, none_key, lookup_key, seal(insurant_key), seal(none_key),
                      lookup(b"kvnr", kvnr), lookup(b"telematik-id", telematik)):
            sys.stdout.write(value.hex() + "\\n")
        """

    private func swiftValues() throws -> [String] {
        let cipher = try PersonalDataCipher(masterKey: SymmetricKey(data: Self.masterKey))
        let keyHex = { (key: SymmetricKey) in key.withUnsafeBytes { hex($0) } }
        return [
            keyHex(try cipher.dataKey(insurant: Self.kvnr)),
            keyHex(try cipher.dataKey(insurant: nil)),
            keyHex(cipher.lookupKey),
            hex(try cipher.seal(Self.plaintext, insurant: Self.kvnr, associatedData: Self.associatedData, nonce: Self.nonce)),
            hex(try cipher.seal(Self.plaintext, insurant: nil, associatedData: Self.associatedData, nonce: Self.nonce)),
            try cipher.lookupHash(Self.kvnr, kind: .kvnr).hex,
            try cipher.lookupHash(Self.telematikID, kind: .telematikID).hex,
        ]
    }

    @Test func matchesTheFixedVector() throws {
        #expect(try self.swiftValues() == Self.expected)
    }

    @Test func matchesPythonCryptography() throws {
        let output = try ExternalTool.python([
            "-c", Self.oracle,
            hex(Self.masterKey), hex(Self.nonce), hex(Self.plaintext), hex(Self.associatedData), Self.kvnr, Self.telematikID,
        ])
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines == Self.expected)
        #expect(try self.swiftValues() == lines)
    }

    @Test func opensTheFixedCiphertexts() throws {
        let cipher = try PersonalDataCipher(masterKey: SymmetricKey(data: Self.masterKey))
        let withInsurant = bytes(hex: Self.expected[3])
        let withoutInsurant = bytes(hex: Self.expected[4])
        #expect(try cipher.open(withInsurant, insurant: Self.kvnr, associatedData: Self.associatedData) == Self.plaintext)
        #expect(try cipher.open(withoutInsurant, insurant: nil, associatedData: Self.associatedData) == Self.plaintext)
    }
}

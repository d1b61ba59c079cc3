// SPDX-License-Identifier: Apache-2.0

import Crypto
import Testing

@testable import Storage

struct PersonalDataCipherTests {
    private let cipher = try! PersonalDataCipher(masterKey: SymmetricKey(data: [UInt8](0..<32)))
    private let bundle = Array(#"{"resourceType":"Bundle","id":"281a985c-f25b-4aae-91a6-41ad744080b0"}"#.utf8)
    private let row = Array("Task/160.000.100.000.001.05".utf8)

    @Test(arguments: ["X110580065", nil] as [String?])
    func roundTrips(insurant: String?) throws {
        for plaintext in [[], [0x00], self.bundle, [UInt8](repeating: 0xA5, count: 70_000)] {
            let sealed = try self.cipher.seal(plaintext, insurant: insurant, associatedData: self.row)
            #expect(sealed.count == plaintext.count + PersonalDataCipher.overhead)
            #expect(sealed.first == 1)
            #expect(try self.cipher.open(sealed, insurant: insurant, associatedData: self.row) == plaintext)
        }
    }

    @Test func usesAFreshNonceForEverySeal() throws {
        let first = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        let second = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        #expect(first[1..<13] != second[1..<13])
        #expect(first != second)
    }

    @Test func aKeyFromAFileOpensWhatItSealed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = StorageKeyFile(directory: directory.path)
        let sealed = try PersonalDataCipher(masterKey: file.loadOrCreate()).seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        let reopened = try PersonalDataCipher(masterKey: file.load())
        #expect(try reopened.open(sealed, insurant: "X110580065", associatedData: self.row) == self.bundle)
    }

    @Test func failsWithAWrongMasterKey() throws {
        let sealed = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        let other = try PersonalDataCipher(masterKey: SymmetricKey(size: .bits256))
        #expect(throws: StorageError(.decryptionFailed)) {
            try other.open(sealed, insurant: "X110580065", associatedData: self.row)
        }
    }

    @Test func failsForAnotherInsurant() throws {
        let sealed = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        #expect(throws: StorageError(.decryptionFailed)) {
            try self.cipher.open(sealed, insurant: "K220635158", associatedData: self.row)
        }
        #expect(throws: StorageError(.decryptionFailed)) {
            try self.cipher.open(sealed, insurant: nil, associatedData: self.row)
        }
        let withoutInsurant = try self.cipher.seal(self.bundle, insurant: nil, associatedData: self.row)
        #expect(throws: StorageError(.decryptionFailed)) {
            try self.cipher.open(withoutInsurant, insurant: "X110580065", associatedData: self.row)
        }
    }

    @Test func normalisesTheInsurant() throws {
        let sealed = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        #expect(try self.cipher.open(sealed, insurant: " x110580065\n", associatedData: self.row) == self.bundle)
    }

    @Test(arguments: ["", "   ", "\t\n"])
    func refusesAnEmptyInsurant(insurant: String) throws {
        #expect(throws: StorageError(.invalidInsurant)) {
            try self.cipher.seal(self.bundle, insurant: insurant, associatedData: self.row)
        }
    }

    @Test func failsForOtherAssociatedData() throws {
        let sealed = try self.cipher.seal(self.bundle, insurant: "X110580065", associatedData: self.row)
        for other in [Array("Task/160.000.100.000.002.02".utf8), [], self.row + [0]] {
            #expect(throws: StorageError(.decryptionFailed)) {
                try self.cipher.open(sealed, insurant: "X110580065", associatedData: other)
            }
        }
    }

    @Test func detectsEveryAlteredByte() throws {
        let sealed = try self.cipher.seal(Array("KVNR X110580065".utf8), insurant: "X110580065", associatedData: self.row)
        for index in sealed.indices {
            var altered = sealed
            altered[index] ^= 0x01
            let expected = index == 0 ? StorageError(.unsupportedCiphertextVersion) : StorageError(.decryptionFailed)
            #expect(throws: expected) { try self.cipher.open(altered, insurant: "X110580065", associatedData: self.row) }
        }
    }

    @Test func detectsTruncationAndExtension() throws {
        let sealed = try self.cipher.seal(self.bundle, insurant: nil, associatedData: self.row)
        #expect(throws: StorageError(.decryptionFailed)) {
            try self.cipher.open(Array(sealed.dropLast()), insurant: nil, associatedData: self.row)
        }
        #expect(throws: StorageError(.decryptionFailed)) {
            try self.cipher.open(sealed + [0], insurant: nil, associatedData: self.row)
        }
    }

    @Test func refusesMalformedCiphertexts() throws {
        #expect(throws: StorageError(.invalidCiphertext)) { try self.cipher.open([], insurant: nil, associatedData: []) }
        #expect(throws: StorageError(.invalidCiphertext)) {
            try self.cipher.open([1] + [UInt8](repeating: 0, count: 27), insurant: nil, associatedData: [])
        }
        let sealed = try self.cipher.seal(self.bundle, insurant: nil, associatedData: self.row)
        for version: UInt8 in [0, 2, 0xFF] {
            #expect(throws: StorageError(.unsupportedCiphertextVersion)) {
                try self.cipher.open([version] + sealed.dropFirst(), insurant: nil, associatedData: self.row)
            }
        }
    }

    @Test func refusesAMasterKeyThatIsNot256Bits() {
        #expect(throws: StorageError(.invalidKey)) { try PersonalDataCipher(masterKey: SymmetricKey(size: .bits128)) }
        #expect(throws: StorageError(.invalidKey)) { try PersonalDataCipher(masterKey: SymmetricKey(data: [UInt8](repeating: 1, count: 33))) }
    }

    @Test func derivesDistinctKeys() throws {
        let keys = try [
            self.cipher.dataKey(insurant: "X110580065"),
            self.cipher.dataKey(insurant: "K220635158"),
            self.cipher.dataKey(insurant: nil),
            self.cipher.lookupKey,
        ]
        .map { key in key.withUnsafeBytes { Array($0) } }
        #expect(Set(keys).count == 4)
    }

    @Test func isSafeToShareBetweenManyTasks() async throws {
        let cipher = self.cipher
        let expectedHash = try cipher.lookupHash("X110580065", kind: .kvnr)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<64 {
                group.addTask {
                    let insurant = task.isMultiple(of: 4) ? nil : "X\(String(110_580_000 + task))"
                    let row = Array("row/\(task)".utf8)
                    let plaintext = Array("payload \(task)".utf8)
                    var ok = true
                    for _ in 0..<50 {
                        let sealed = try cipher.seal(plaintext, insurant: insurant, associatedData: row)
                        let opened = try cipher.open(sealed, insurant: insurant, associatedData: row)
                        let hash = try cipher.lookupHash("X110580065", kind: .kvnr)
                        ok = ok && opened == plaintext && hash == expectedHash
                    }
                    return ok
                }
            }
            var all: [Bool] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}

// SPDX-License-Identifier: Apache-2.0

import Crypto
import Testing

@testable import Storage

struct StorageKeyFileTests {
    private func keyBytes(_ key: SymmetricKey) -> [UInt8] {
        key.withUnsafeBytes { Array($0) }
    }

    @Test func createsAMissingKeyWithMode0600AndLoadsItAgain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = StorageKeyFile(directory: directory.path)

        let created = try file.loadOrCreate()

        #expect(created.bitCount == 256)
        #expect(try directory.mode(of: "storage.key") == 0o600)
        #expect(try directory.contents(of: "storage.key") == self.keyBytes(created))
        #expect(try directory.entries() == ["storage.key"], "no temporary file is left behind")
        #expect(try self.keyBytes(file.loadOrCreate()) == self.keyBytes(created))
        #expect(try self.keyBytes(file.load()) == self.keyBytes(created))
    }

    @Test func twoDirectoriesGetDifferentKeys() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        defer {
            first.remove()
            second.remove()
        }
        let one = try StorageKeyFile(directory: first.path).loadOrCreate()
        let other = try StorageKeyFile(directory: second.path).loadOrCreate()
        #expect(self.keyBytes(one) != self.keyBytes(other))
    }

    @Test func neverOverwritesAnExistingKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let existing = [UInt8](0..<32)
        try directory.write(existing, to: "storage.key", mode: 0o600)
        let file = StorageKeyFile(directory: directory.path)

        #expect(try self.keyBytes(file.loadOrCreate()) == existing)
        // Even the creation step itself, reached when another process created the key in between, keeps the first key.
        try file.create(SymmetricKey(size: .bits256))
        #expect(try directory.contents(of: "storage.key") == existing)
        #expect(try directory.entries() == ["storage.key"])
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o601])
    func refusesAKeyOthersMayAccess(mode: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let existing = [UInt8](repeating: 7, count: 32)
        try directory.write(existing, to: "storage.key", mode: mode)
        let file = StorageKeyFile(directory: directory.path)

        #expect(throws: StorageError(.keyFilePermissions)) { try file.load() }
        #expect(throws: StorageError(.keyFilePermissions)) { try file.loadOrCreate() }
        #expect(try directory.contents(of: "storage.key") == existing, "a refused key is left as it is")
    }

    @Test func acceptsAReadOnlyKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let existing = [UInt8](repeating: 9, count: 32)
        try directory.write(existing, to: "storage.key", mode: 0o400)
        #expect(try self.keyBytes(StorageKeyFile(directory: directory.path).load()) == existing)
    }

    @Test(arguments: [0, 16, 31, 33, 44, 64])
    func refusesAKeyOfTheWrongLength(length: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let existing = [UInt8](repeating: 0x41, count: length)
        try directory.write(existing, to: "storage.key", mode: 0o600)
        let file = StorageKeyFile(directory: directory.path)

        #expect(throws: StorageError(.keyFileInvalid)) { try file.load() }
        #expect(throws: StorageError(.keyFileInvalid)) { try file.loadOrCreate() }
        #expect(try directory.contents(of: "storage.key") == existing)
    }

    @Test func refusesADirectoryInPlaceOfTheKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: StorageError(.keyFileInvalid)) { try StorageKeyFile(path: directory.path).load() }
    }

    @Test func reportsAMissingKeyOrDirectoryAsAccessError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: StorageError(.keyFileAccess)) { try StorageKeyFile(directory: directory.path).load() }
        let missing = StorageKeyFile(directory: directory.path + "/absent")
        #expect(throws: StorageError(.keyFileAccess)) { try missing.loadOrCreate() }
    }

    @Test func buildsThePathInsideTheDirectory() {
        #expect(StorageKeyFile(directory: "/var/lib/erezept").path == "/var/lib/erezept/storage.key")
        #expect(StorageKeyFile(directory: "/var/lib/erezept/", fileName: "other.key").path == "/var/lib/erezept/other.key")
        #expect(StorageKeyFile.directory(of: "storage.key") == ".")
        #expect(StorageKeyFile.directory(of: "/storage.key") == "/")
        #expect(StorageKeyFile.directory(of: "/a/b/storage.key") == "/a/b")
    }
}

// SPDX-License-Identifier: Apache-2.0

public import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The master key of at-rest encryption, kept in a file of the data directory.
///
/// The file holds exactly 32 raw bytes: the 256-bit master key from which ``PersonalDataCipher`` derives its keys. There
/// is no encoding and no trailing newline, so the length check is exact. It must be a regular file (a symbolic link to
/// one is followed) and may be accessible to its owner only: a file with any of the mode bits `0o077` set is refused.
///
/// ``loadOrCreate()`` creates a missing key from the system CSPRNG. The new key is written to a temporary file with mode
/// `0600` in the same directory, synced, and then hard-linked to the final name; `link(2)` fails when the name exists,
/// so an existing key is never replaced, not even by a concurrent process (the key that got there first wins and is
/// loaded). The temporary name is removed afterwards and the directory is synced.
///
/// Keep a backup of this file together with the database: without it the personal data in the database is unreadable.
public struct StorageKeyFile: Sendable {
    /// The file name used inside the data directory, `storage.key`.
    public static let defaultFileName = "storage.key"
    /// The exact size of the key file in bytes.
    public static let keyByteCount = 32

    /// The path of the key file.
    public let path: String

    /// A key file at an explicit path.
    /// - Parameter path: The path of the file; its directory must exist.
    public init(path: String) {
        self.path = path
    }

    /// The key file inside a data directory.
    /// - Parameters:
    ///   - directory: The data directory; it must exist.
    ///   - fileName: The file name, ``defaultFileName`` unless told otherwise.
    public init(directory: String, fileName: String = StorageKeyFile.defaultFileName) {
        self.path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// Loads the existing key.
    /// - Returns: The 256-bit master key.
    /// - Throws: ``StorageError/Code/keyFileAccess`` when the file is missing or unreadable,
    ///   ``StorageError/Code/keyFilePermissions`` when group or others have access,
    ///   ``StorageError/Code/keyFileInvalid`` when it is not a regular file of exactly 32 bytes.
    public func load() throws(StorageError) -> SymmetricKey {
        guard let key = try self.loadIfPresent() else {
            throw StorageError(.keyFileAccess, reason: "key file \(self.path) does not exist")
        }
        return key
    }

    /// Loads the key, creating it first when the file does not exist.
    /// - Returns: The 256-bit master key, the existing one if there is one.
    /// - Throws: The errors of ``load()``, and ``StorageError/Code/keyFileAccess`` when the key cannot be created.
    public func loadOrCreate() throws(StorageError) -> SymmetricKey {
        if let key = try self.loadIfPresent() {
            return key
        }
        try self.create(SymmetricKey(size: .bits256))
        return try self.load()
    }

    /// The key, or `nil` when nothing exists at ``path``.
    func loadIfPresent() throws(StorageError) -> SymmetricKey? {
        let descriptor = open(self.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                return nil
            }
            throw Self.accessError("cannot open key file \(self.path)", errno: code)
        }
        defer { close(descriptor) }
        // Checked on the open descriptor, so the file inspected is the file read.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Self.accessError("cannot stat key file \(self.path)", errno: errno)
        }
        let mode = UInt32(status.st_mode)
        guard mode & 0o170000 == 0o100000 else {
            throw StorageError(.keyFileInvalid, reason: "key file \(self.path) is not a regular file")
        }
        guard mode & 0o077 == 0 else {
            let octal = String(mode & 0o7777, radix: 8)
            throw StorageError(
                .keyFilePermissions,
                reason: "key file \(self.path) has mode \(octal); group and others must have no access (chmod 600)"
            )
        }
        guard status.st_size == Self.keyByteCount else {
            throw StorageError(
                .keyFileInvalid,
                reason: "key file \(self.path) has \(status.st_size) bytes; a key is exactly \(Self.keyByteCount) raw bytes"
            )
        }
        // One byte more than a key, to notice a file that grew since fstat.
        var bytes = [UInt8](repeating: 0, count: Self.keyByteCount + 1)
        defer { bytes.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw Self.accessError("cannot read key file \(self.path)", errno: code)
            }
            if count == 0 { break }
            filled += count
        }
        guard filled == Self.keyByteCount else {
            throw StorageError(.keyFileInvalid, reason: "key file \(self.path) is not exactly \(Self.keyByteCount) bytes")
        }
        return SymmetricKey(data: bytes[0..<Self.keyByteCount])
    }

    /// Writes `key` to ``path`` unless a file exists there; an existing file is left alone.
    func create(_ key: SymmetricKey) throws(StorageError) {
        let directory = Self.directory(of: self.path)
        let name = self.path.split(separator: "/").last.map(String.init) ?? Self.defaultFileName
        let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
        let temporary = directory + "/." + name + ".tmp-" + suffix
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Self.accessError("cannot create \(temporary)", errno: errno)
        }
        defer { unlink(temporary) }
        do {
            defer { close(descriptor) }
            // The umask may have narrowed the mode; set it exactly.
            guard fchmod(descriptor, 0o600) == 0 else {
                throw Self.accessError("cannot set the mode of \(temporary)", errno: errno)
            }
            let failure: Int32? = key.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += count
                }
                return nil
            }
            if let failure {
                throw Self.accessError("cannot write \(temporary)", errno: failure)
            }
            guard fsync(descriptor) == 0 else {
                throw Self.accessError("cannot sync \(temporary)", errno: errno)
            }
        }
        // link(2), unlike rename(2), fails when the target exists: an existing key is never overwritten.
        if link(temporary, self.path) != 0 {
            let code = errno
            guard code == EEXIST else {
                throw Self.accessError("cannot link the new key to \(self.path)", errno: code)
            }
            return
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return "."
        }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func accessError(_ message: String, errno code: Int32, file: String = #fileID, line: UInt = #line) -> StorageError {
        let text = String(cString: strerror(code))
        return StorageError(.keyFileAccess, reason: "\(message): \(text) (errno \(code))", file: file, line: line)
    }
}

// SPDX-License-Identifier: Apache-2.0

public import Crypto
import Synchronization

/// Encrypts personal data (bundles, KVNR-bearing resources) before it is written to the database.
///
/// **Keys.** All keys are derived from the 256-bit master key (see ``StorageKeyFile``) with HKDF-SHA256 (RFC 5869):
/// `PRK = HKDF-Extract(salt: empty, IKM: master key)`, then `HKDF-Expand(PRK, info, 32)` with these `info` labels
/// (UTF-8, no terminator):
///
/// | Key | `info` |
/// |---|---|
/// | data key of an insurant | `erezept-storage/v1/data/insurant/` ‖ normalised KVNR |
/// | data key of data without an insurant | `erezept-storage/v1/data/none` |
/// | lookup key (``LookupHash``) | `erezept-storage/v1/lookup` |
///
/// The KVNR is normalised as in ``LookupHash/Kind/kvnr`` (ASCII whitespace trimmed, ASCII letters upper-cased), so each
/// insurant's data has its own key and a ciphertext of one insurant does not open under another.
///
/// **Format, version 1.** `0x01 ‖ nonce (12 bytes) ‖ AES-256-GCM ciphertext (as long as the plaintext) ‖ tag (16 bytes)`,
/// that is ``overhead`` = 29 bytes more than the plaintext. The nonce is random for every seal. The GCM additional
/// authenticated data is `0x01 ‖ associatedData`, so the version byte is authenticated as well. Pass something that
/// identifies the row (for example its table and id) as `associatedData`: a ciphertext copied into another row then no
/// longer opens.
///
/// **Caching.** The no-insurant key and the lookup key are derived once. Per-insurant keys are derived on first use and
/// kept in a bounded memo (``insurantKeyCapacity`` insurants; when it is full it is emptied and refilled), because
/// every operation on a task opens and seals several values under its insurant's key and an HKDF-Expand costs more
/// than the AES-GCM of a small value. The memo holds keys derived from the master key the type holds anyway. The type
/// is safe to share between tasks.
public struct PersonalDataCipher: Sendable {
    /// How many insurants' data keys the memo keeps.
    static let insurantKeyCapacity = 4_096

    /// The format version written by ``seal(_:insurant:associatedData:)``, the first byte of every ciphertext.
    public static let formatVersion: UInt8 = 1
    /// How many bytes a ciphertext is longer than its plaintext: version, nonce and tag.
    public static let overhead = 1 + nonceByteCount + tagByteCount

    static let nonceByteCount = 12
    static let tagByteCount = 16
    static let insurantLabel = Array("erezept-storage/v1/data/insurant/".utf8)
    static let noInsurantLabel = Array("erezept-storage/v1/data/none".utf8)
    static let lookupLabel = Array("erezept-storage/v1/lookup".utf8)

    private let pseudoRandomKey: SymmetricKey
    private let noInsurantKey: SymmetricKey
    let lookupKey: SymmetricKey
    private let insurantKeys = InsurantKeyMemo()

    /// Derives the keys from a master key.
    /// - Parameter masterKey: The 256-bit key from ``StorageKeyFile``.
    /// - Throws: ``StorageError/Code/invalidKey`` when the key is not 256 bits.
    public init(masterKey: SymmetricKey) throws(StorageError) {
        guard masterKey.bitCount == 256 else {
            throw StorageError(.invalidKey, reason: "the master key has \(masterKey.bitCount) bits instead of 256")
        }
        let prk = HKDF<SHA256>.extract(inputKeyMaterial: masterKey, salt: [UInt8]())
        self.pseudoRandomKey = SymmetricKey(data: prk)
        self.noInsurantKey = Self.expand(self.pseudoRandomKey, info: Self.noInsurantLabel)
        self.lookupKey = Self.expand(self.pseudoRandomKey, info: Self.lookupLabel)
    }

    /// Encrypts personal data.
    /// - Parameters:
    ///   - plaintext: The data, for example a serialised bundle.
    ///   - insurant: The KVNR the data belongs to, or `nil` for data without an insurant.
    ///   - associatedData: Authenticated but not encrypted context that must be given again to open, such as the row id.
    /// - Returns: The version-1 ciphertext described above.
    /// - Throws: ``StorageError/Code/invalidInsurant`` for an empty KVNR.
    public func seal(_ plaintext: [UInt8], insurant: String?, associatedData: [UInt8]) throws(StorageError) -> [UInt8] {
        // One CSPRNG call for the 12 random bytes.
        try self.seal(plaintext, insurant: insurant, associatedData: associatedData, nonce: Array(AES.GCM.Nonce()))
    }

    /// ``seal(_:insurant:associatedData:)`` with a given nonce; for test vectors only, as a repeated nonce breaks GCM.
    func seal(_ plaintext: [UInt8], insurant: String?, associatedData: [UInt8], nonce: [UInt8]) throws(StorageError) -> [UInt8] {
        let key = try self.dataKey(insurant: insurant)
        do {
            let box = try AES.GCM.seal(
                plaintext,
                using: key,
                nonce: AES.GCM.Nonce(data: nonce),
                authenticating: [Self.formatVersion] + associatedData
            )
            var output: [UInt8] = []
            output.reserveCapacity(plaintext.count + Self.overhead)
            output.append(Self.formatVersion)
            output.append(contentsOf: nonce)
            output.append(contentsOf: box.ciphertext)
            output.append(contentsOf: box.tag)
            return output
        } catch {
            throw StorageError(.cryptoFailure, reason: "AES-GCM seal failed: \(error)")
        }
    }

    /// Decrypts what ``seal(_:insurant:associatedData:)`` produced.
    /// - Parameters:
    ///   - ciphertext: A stored ciphertext.
    ///   - insurant: The KVNR given when sealing, or `nil`.
    ///   - associatedData: The associated data given when sealing.
    /// - Returns: The plaintext.
    /// - Throws: ``StorageError/Code/invalidCiphertext`` when it is shorter than ``overhead``,
    ///   ``StorageError/Code/unsupportedCiphertextVersion`` for a version other than 1,
    ///   ``StorageError/Code/decryptionFailed`` for a wrong master key, insurant or associated data, or altered bytes,
    ///   ``StorageError/Code/invalidInsurant`` for an empty KVNR.
    public func open(_ ciphertext: [UInt8], insurant: String?, associatedData: [UInt8]) throws(StorageError) -> [UInt8] {
        guard let version = ciphertext.first else {
            throw StorageError(.invalidCiphertext, reason: "the ciphertext is empty")
        }
        guard version == Self.formatVersion else {
            throw StorageError(.unsupportedCiphertextVersion, reason: "ciphertext format version \(version) is not supported")
        }
        guard ciphertext.count >= Self.overhead else {
            throw StorageError(.invalidCiphertext, reason: "\(ciphertext.count) bytes are too short for a version-1 ciphertext")
        }
        let key = try self.dataKey(insurant: insurant)
        let nonceEnd = 1 + Self.nonceByteCount
        let tagStart = ciphertext.count - Self.tagByteCount
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: ciphertext[1..<nonceEnd]),
                ciphertext: ciphertext[nonceEnd..<tagStart],
                tag: ciphertext[tagStart...]
            )
        } catch {
            throw StorageError(.invalidCiphertext, reason: "the ciphertext cannot be split: \(error)")
        }
        do {
            return Array(try AES.GCM.open(box, using: key, authenticating: [version] + associatedData))
        } catch {
            throw StorageError(.decryptionFailed, reason: "authentication failed: wrong key, insurant or associated data, or altered bytes")
        }
    }

    /// The lookup hash of an identifier (see ``LookupHash``).
    /// - Parameters:
    ///   - value: The identifier, for example a KVNR.
    ///   - kind: Which kind of identifier it is; fixes normalisation and domain.
    /// - Returns: The keyed hash to store and to query by.
    /// - Throws: ``StorageError/Code/invalidLookupValue`` when `value` is empty after normalisation.
    public func lookupHash(_ value: String, kind: LookupHash.Kind) throws(StorageError) -> LookupHash {
        let normalized = kind.normalize(value)
        guard !normalized.isEmpty else {
            throw StorageError(.invalidLookupValue, reason: "an empty \(kind) cannot be hashed for lookups")
        }
        var authenticator = HMAC<SHA256>(key: self.lookupKey)
        authenticator.update(data: Array(kind.label.utf8) + [0])
        authenticator.update(data: normalized)
        return LookupHash(bytes: Array(authenticator.finalize()))
    }

    /// The data key for `insurant`, or the no-insurant key for `nil`.
    func dataKey(insurant: String?) throws(StorageError) -> SymmetricKey {
        guard let insurant else {
            return self.noInsurantKey
        }
        let normalized = IdentifierNormalization.trimmedUppercased(insurant)
        guard !normalized.isEmpty else {
            throw StorageError(.invalidInsurant, reason: "an insurant's KVNR must not be empty; pass nil for data without an insurant")
        }
        if let key = self.insurantKeys.key(for: normalized) {
            return key
        }
        let key = Self.expand(self.pseudoRandomKey, info: Self.insurantLabel + normalized)
        self.insurantKeys.store(key, for: normalized, capacity: Self.insurantKeyCapacity)
        return key
    }

    private static func expand(_ pseudoRandomKey: SymmetricKey, info: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.expand(pseudoRandomKey: pseudoRandomKey, info: info, outputByteCount: 32)
    }
}

/// The per-insurant data keys derived so far, by normalised KVNR bytes.
final class InsurantKeyMemo: Sendable {
    private let keys = Mutex<[[UInt8]: SymmetricKey]>([:])

    func key(for insurant: [UInt8]) -> SymmetricKey? {
        self.keys.withLock { $0[insurant] }
    }

    func store(_ key: SymmetricKey, for insurant: [UInt8], capacity: Int) {
        self.keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[insurant] = key
        }
    }
}

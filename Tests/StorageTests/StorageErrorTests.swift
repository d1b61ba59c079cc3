// SPDX-License-Identifier: Apache-2.0

import Storage
import Testing

struct StorageErrorTests {
    @Test func comparesByCodeOnly() {
        #expect(StorageError(.decryptionFailed, reason: "a") == StorageError(.decryptionFailed, reason: "b"))
        #expect(StorageError(.decryptionFailed) != StorageError(.invalidCiphertext))
    }

    @Test func hasStableCodeNames() {
        let codes: [StorageError.Code] = [
            .keyFileInvalid, .keyFilePermissions, .keyFileAccess, .invalidKey, .invalidInsurant, .invalidLookupValue,
            .invalidCiphertext, .unsupportedCiphertextVersion, .decryptionFailed, .cryptoFailure,
        ]
        #expect(
            codes.map(\.description) == [
                "keyFileInvalid", "keyFilePermissions", "keyFileAccess", "invalidKey", "invalidInsurant", "invalidLookupValue",
                "invalidCiphertext", "unsupportedCiphertextVersion", "decryptionFailed", "cryptoFailure",
            ]
        )
    }

    @Test func describesItself() {
        let error = StorageError(.keyFileAccess, reason: "missing")
        #expect(error.description.hasPrefix("StorageError.keyFileAccess: missing ("))
    }
}

// SPDX-License-Identifier: Apache-2.0

/// The response direction of the E-Rezept VAU channel (gemSpec_Krypt A_20174; spec/ref-impl.md B.1).
///
/// The server encrypts `"1" SP request-id SP HTTP response` with the 16-byte response key the client sent inside its
/// request, using AES-128-GCM without AAD. Layout: `IV(12) ‖ ciphertext ‖ tag(16)`.
public enum VAUResponse {
    /// Encrypts a response.
    /// - Parameters:
    ///   - plaintext: `"1" SP request-id SP raw HTTP/1.1 response`.
    ///   - key: The client's 16-byte response key.
    ///   - iv: The 12-byte IV; random when nil. Pass one only for test vectors.
    /// - Returns: `IV ‖ ciphertext ‖ tag`.
    /// - Throws: `invalidParameter` for a key that is not 16 bytes or an IV that is not 12 bytes.
    public static func seal(_ plaintext: some Collection<UInt8>, key: [UInt8], iv: [UInt8]? = nil) throws(TICryptoError) -> [UInt8] {
        try AES128GCM.seal(Array(plaintext), key: key, iv: iv)
    }

    /// Decrypts a response.
    /// - Parameters:
    ///   - message: `IV ‖ ciphertext ‖ tag`.
    ///   - key: The 16-byte response key the client chose.
    /// - Returns: The plaintext; the caller checks the `"1" SP request-id SP` prefix.
    /// - Throws: `invalidParameter` for a bad key size; `invalidCiphertext` when shorter than 28 bytes;
    ///   `decryptionFailed` when the tag does not verify.
    public static func open(_ message: some Collection<UInt8>, key: [UInt8]) throws(TICryptoError) -> [UInt8] {
        try AES128GCM.open(ArraySlice(message), key: key)
    }
}

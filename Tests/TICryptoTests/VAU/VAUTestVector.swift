// SPDX-License-Identifier: Apache-2.0

/// The published ERP-VAU test vector (RefFD `vau/src/decrypt.rs`, iOS `VAUCryptoTests.testEciesEncrypt`;
/// spec/ref-impl.md B.4).
enum VAUTestVector {
    /// The VAU's private scalar d (from the RefFD test PEM, read with `openssl ec -text`).
    static let serverScalar = [UInt8](hexString: "a54a5685b80f71fd5ebee91659afa98c847c5c864e2335844146675afc595e3c")!

    /// The VAU's public key, X9.62 uncompressed.
    static let serverPublicKey = [UInt8](
        hexString: """
            04 8634212830DAD457CA05305E6687134166B9C21A65FFEBF555F4E75DFB048888
            66E4B6843624CBDA43C97EA89968BC41FD53576F82C03EFA7D601B9FACAC2B29
            """
    )!

    /// The client's ephemeral private scalar.
    static let ephemeralScalar = [UInt8](hexString: "5bbba34d47502bd588ed680dfa2309ca375eb7a35ddbbd67cc7f8b6b687a1c1d")!

    /// The IV.
    static let iv = [UInt8](hexString: "257db4604af8ae0dfced37ce")!

    /// The plaintext.
    static let plaintext = Array("Hallo Test".utf8)

    /// The expected message `01 ‖ X ‖ Y ‖ IV ‖ ciphertext ‖ tag`.
    static let message = [UInt8](
        hexString: """
            01
            754e548941e5cd073fed6d734578a484be9f0bbfa1b6fa3168ed7ffb22878f0f
            9aef9bbd932a020d8828367bd080a3e72b36c41ee40c87253f9b1b0beb8371bf
            257db4604af8ae0dfced37ce
            86c2b491c7a8309e750b
            4e6e307219863938c204dfe85502ee0a
            """
    )!
}

// SPDX-License-Identifier: Apache-2.0

// P-256 test profile (spec/ref-impl.md C.5); implemented on the same OpenSSL path as brainpool.
extension P256.KeyAgreement {
    /// A key-agreement private key on P256.
    public struct PrivateKey: PKCS8PrivateKey {
        let impl: ECPrivateKeyImpl

        /// A new random key.
        /// - Throws: `openSSL` if OpenSSL cannot generate a key.
        public init() throws(TICryptoError) {
            self.impl = try ECPrivateKeyImpl(generatingOn: .prime256v1)
        }

        /// The key with private scalar `rawRepresentation` (32 bytes big-endian); deterministic.
        /// - Throws: `invalidKey` unless the scalar has 32 bytes and lies in [1, n-1].
        public init(rawRepresentation: some Collection<UInt8>) throws(TICryptoError) {
            self.impl = try ECPrivateKeyImpl(curve: .prime256v1, rawRepresentation: Array(rawRepresentation))
        }

        /// A key from DER PKCS#8 `PrivateKeyInfo` or SEC1 `ECPrivateKey`.
        /// - Throws: `invalidEncoding`, `unsupportedAlgorithm`, `unsupportedCurve` or `invalidKey`.
        public init(derRepresentation: some Collection<UInt8>) throws(TICryptoError) {
            let key = try ECKeyDecoder.privateKey(der: Array(derRepresentation))
            self.impl = try ECPrivateKeyImpl(curve: .prime256v1, decoded: key)
        }

        /// A key from PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC1); encrypted PEM is refused.
        /// - Throws: `invalidEncoding`, `unsupportedAlgorithm`, `unsupportedCurve` or `invalidKey`.
        public init(pemRepresentation: String) throws(TICryptoError) {
            let key = try ECKeyDecoder.privateKey(pem: pemRepresentation)
            self.impl = try ECPrivateKeyImpl(curve: .prime256v1, decoded: key)
        }

        /// The private scalar, 32 bytes big-endian. Secret.
        public var rawRepresentation: [UInt8] { self.impl.rawRepresentation }

        /// DER PKCS#8 `PrivateKeyInfo`, as `openssl pkcs8 -topk8 -nocrypt -outform DER` writes it.
        public var derRepresentation: [UInt8] { self.impl.derRepresentation }

        /// PEM `PRIVATE KEY` (PKCS#8).
        public var pemRepresentation: String { self.impl.pemRepresentation }

        /// DER SEC1 `ECPrivateKey` with the named curve and public key.
        public var sec1DERRepresentation: [UInt8] { self.impl.sec1DERRepresentation }

        /// PEM `EC PRIVATE KEY` (SEC1), as `openssl ecparam -genkey` writes it.
        public var sec1PEMRepresentation: String { self.impl.sec1PEMRepresentation }

        /// The matching public key.
        public var publicKey: PublicKey { PublicKey(impl: self.impl.publicKey) }

        /// The ECDH shared secret with `publicKey`: the X coordinate of d·Q, always 32 bytes (left-padded with zeros).
        /// Secret; feed it to a KDF, never use it as a key directly.
        /// - Throws: `openSSL` if OpenSSL fails.
        public func sharedSecret(with publicKey: PublicKey) throws(TICryptoError) -> [UInt8] {
            try ECDHOperation.sharedSecret(self.impl, publicKey.impl)
        }
    }

    /// A key-agreement public key on P256: a validated point on the curve.
    public struct PublicKey: Hashable, Sendable {
        let impl: ECPublicKeyImpl

        init(impl: ECPublicKeyImpl) {
            self.impl = impl
        }

        /// A public key from an uncompressed X9.62 point `04 ‖ X ‖ Y` (65 bytes).
        /// - Throws: `invalidKey` when the encoding is wrong or the point is not on the curve.
        public init(x963Representation: some Collection<UInt8>) throws(TICryptoError) {
            self.impl = try ECPublicKeyImpl(curve: .prime256v1, x963Representation: Array(x963Representation))
        }

        /// A public key from `X ‖ Y` (64 bytes, the CryptoKit raw form).
        /// - Throws: `invalidKey` when the length is wrong or the point is not on the curve.
        public init(rawRepresentation: some Collection<UInt8>) throws(TICryptoError) {
            self.impl = try ECPublicKeyImpl(curve: .prime256v1, x963Representation: [0x04] + Array(rawRepresentation))
        }

        /// A public key from its affine coordinates (32 bytes each, as in a JWK's `x` and `y`).
        /// - Throws: `invalidKey` when a coordinate is not 32 bytes or the point is not on the curve.
        public init(x: some Collection<UInt8>, y: some Collection<UInt8>) throws(TICryptoError) {
            guard x.count == 32, y.count == 32 else {
                throw TICryptoError(.invalidKey, reason: "coordinates must be 32 bytes each")
            }
            self.impl = try ECPublicKeyImpl(curve: .prime256v1, x963Representation: [0x04] + Array(x) + Array(y))
        }

        /// A public key from DER SubjectPublicKeyInfo.
        /// - Throws: `invalidEncoding`, `unsupportedAlgorithm`, `unsupportedCurve` or `invalidKey`.
        public init(derRepresentation: some Collection<UInt8>) throws(TICryptoError) {
            self.impl = try ECPublicKeyImpl(curve: .prime256v1, spki: Array(derRepresentation))
        }

        /// A public key from PEM `PUBLIC KEY`.
        /// - Throws: `invalidEncoding`, `unsupportedAlgorithm`, `unsupportedCurve` or `invalidKey`.
        public init(pemRepresentation: String) throws(TICryptoError) {
            self.impl = try ECPublicKeyImpl(curve: .prime256v1, spki: ECKeyDecoder.publicKeyDER(pem: pemRepresentation))
        }

        /// `04 ‖ X ‖ Y`, 65 bytes.
        public var x963Representation: [UInt8] { self.impl.x963Representation }

        /// `X ‖ Y`, 64 bytes.
        public var rawRepresentation: [UInt8] { Array(self.impl.x963Representation.dropFirst()) }

        /// The X coordinate, 32 bytes.
        public var x: [UInt8] { self.impl.x }

        /// The Y coordinate, 32 bytes.
        public var y: [UInt8] { self.impl.y }

        /// DER SubjectPublicKeyInfo with the named curve (RFC 5480).
        public var derRepresentation: [UInt8] { self.impl.derRepresentation }

        /// PEM `PUBLIC KEY`.
        public var pemRepresentation: String { self.impl.pemRepresentation }

        /// Equal when the points are equal.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.impl.x963Representation == rhs.impl.x963Representation
        }

        /// Hashes the point.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(self.impl.x963Representation)
        }
    }
}

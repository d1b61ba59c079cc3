// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
import Crypto
import Synchronization

/// Verifies the signature of an X.509-style signed structure (`SEQUENCE { tbs, signatureAlgorithm, signatureValue }`:
/// certificates, RFC 5280 §4.1.1; BasicOCSPResponse, RFC 6960 §4.2.1) with the public key of an issuer.
///
/// It goes through OpenSSL's `ASN1_item_verify`, the routine `X509_verify` and `CMS_SignerInfo_verify` build on, so
/// every algorithm the CMS code verifies works here too: ECDSA on brainpoolP256r1 and P-256 with SHA-2, RSA PKCS #1
/// v1.5 and RSASSA-PSS with its parameters. The signed bytes are handed over as an `ASN1_ANY`, which OpenSSL re-encodes
/// verbatim, so the signature is checked over exactly the received `tbs` encoding.
enum SignedObjectVerifier {
    /// Whether `signature` verifies over `tbsDER` under `algorithmDER` with the key in `subjectPublicKeyInfoDER`.
    /// - Parameters:
    ///   - tbsDER: the signed element, complete DER (tag, length, content).
    ///   - algorithmDER: the DER `AlgorithmIdentifier` (with parameters, needed for RSASSA-PSS).
    ///   - signature: the BIT STRING content of the signature value (no unused bits).
    ///   - subjectPublicKeyInfoDER: the signer's DER `SubjectPublicKeyInfo`.
    /// - Returns: false for a wrong signature, an unsupported algorithm, or a key of the wrong type; never throws.
    static func verify(tbsDER: [UInt8], algorithmDER: [UInt8], signature: [UInt8], subjectPublicKeyInfoDER: [UInt8]) -> Bool {
        let fingerprint = VerifiedSignatures.fingerprint(tbsDER, algorithmDER, signature, subjectPublicKeyInfoDER)
        if VerifiedSignatures.shared.contains(fingerprint) {
            return true
        }
        guard
            Self.verifyWithOpenSSL(tbsDER: tbsDER, algorithmDER: algorithmDER, signature: signature, subjectPublicKeyInfoDER: subjectPublicKeyInfoDER)
        else { return false }
        VerifiedSignatures.shared.insert(fingerprint)
        return true
    }

    private static func verifyWithOpenSSL(tbsDER: [UInt8], algorithmDER: [UInt8], signature: [UInt8], subjectPublicKeyInfoDER: [UInt8]) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        guard let key = withDER(subjectPublicKeyInfoDER, { d2i_PUBKEY(nil, &$0, $1) }) else { return false }
        defer { EVP_PKEY_free(key) }
        guard let algorithm = withDER(algorithmDER, { d2i_X509_ALGOR(nil, &$0, $1) }) else { return false }
        defer { X509_ALGOR_free(algorithm) }
        guard let data = withDER(tbsDER, { d2i_ASN1_TYPE(nil, &$0, $1) }) else { return false }
        defer { ASN1_TYPE_free(data) }
        guard let bits = ASN1_BIT_STRING_new() else { return false }
        defer { ASN1_BIT_STRING_free(bits) }
        var signatureBytes = signature
        let stored = signatureBytes.withUnsafeMutableBufferPointer { buffer in
            ASN1_BIT_STRING_set(bits, buffer.baseAddress, Int32(buffer.count))
        }
        guard stored == 1 else { return false }
        return ASN1_item_verify(ASN1_ANY_it(), algorithm, bits, data, key) == 1
    }

    /// Runs an OpenSSL `d2i_*` call with a cursor over `der` and its length; nil for empty input or a failure.
    private static func withDER<T>(_ der: [UInt8], _ decode: (inout UnsafePointer<UInt8>?, Int) -> T?) -> T? {
        der.withUnsafeBufferPointer { buffer -> T? in
            guard let start = buffer.baseAddress, !buffer.isEmpty else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            return decode(&cursor, buffer.count)
        }
    }
}

/// The signatures ``SignedObjectVerifier`` has found valid, by a SHA-256 fingerprint of everything the result depends
/// on (signed bytes, algorithm, signature, key), so a certificate or OCSP response seen again is not verified again.
///
/// A hit needs a SHA-256 collision to be wrong, so the memo changes no result: it only skips repeating the
/// arithmetic for the issuer certificates and cached OCSP responses that every QES check meets. Only successes are
/// kept; failures are always recomputed. At ``capacity`` the memo is emptied and starts again.
final class VerifiedSignatures: Sendable {
    static let shared = VerifiedSignatures(capacity: 100_000)

    let capacity: Int
    private let fingerprints = Mutex<Set<SHA256Digest>>([])

    init(capacity: Int) { self.capacity = capacity }

    static func fingerprint(_ parts: [UInt8]...) -> SHA256Digest {
        var hash = SHA256()
        for part in parts {
            // Each part with its length, so that no two different inputs give the same stream.
            withUnsafeBytes(of: UInt64(part.count).bigEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: part)
        }
        return hash.finalize()
    }

    func contains(_ fingerprint: SHA256Digest) -> Bool {
        self.fingerprints.withLock { $0.contains(fingerprint) }
    }

    func insert(_ fingerprint: SHA256Digest) {
        self.fingerprints.withLock { set in
            if set.count >= self.capacity { set.removeAll(keepingCapacity: true) }
            set.insert(fingerprint)
        }
    }
}

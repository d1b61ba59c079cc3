// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// The two 256-bit prime curves `TICrypto` supports, with their OpenSSL names and DER object identifiers.
enum ECCurve: Sendable {
    /// brainpoolP256r1 (RFC 5639), the curve of the telematics infrastructure (gemSpec_Krypt, spec/ref-impl.md B.1).
    case brainpoolP256r1
    /// NIST P-256 / prime256v1 / secp256r1.
    case prime256v1

    /// Field and scalar size in bytes.
    static let coordinateByteCount = 32

    /// OpenSSL's group name, as used by `EVP_PKEY_CTX_set_group_name` and `OSSL_PKEY_PARAM_GROUP_NAME`.
    var groupName: String {
        switch self {
        case .brainpoolP256r1: "brainpoolP256r1"
        case .prime256v1: "prime256v1"
        }
    }

    /// OpenSSL's numeric identifier.
    var nid: Int32 {
        switch self {
        case .brainpoolP256r1: NID_brainpoolP256r1
        case .prime256v1: NID_X9_62_prime256v1
        }
    }

    /// The DER encoding (tag, length, value) of the named-curve OID.
    var oidDER: [UInt8] {
        switch self {
        // 1.3.36.3.3.2.8.1.1.7 (RFC 5639)
        case .brainpoolP256r1: [0x06, 0x09, 0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07]
        // 1.2.840.10045.3.1.7 (RFC 5480)
        case .prime256v1: [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        }
    }

    /// The curve OpenSSL reports for a key, matched by NID so that aliases ("P-256", "secp256r1") are recognised.
    init?(openSSLGroupName name: String) {
        var nid = OBJ_sn2nid(name)
        if nid == NID_undef { nid = EC_curve_nist2nid(name) }
        OpenSSLErrorQueue.clear()
        switch nid {
        case NID_brainpoolP256r1: self = .brainpoolP256r1
        case NID_X9_62_prime256v1: self = .prime256v1
        default: return nil
        }
    }
}

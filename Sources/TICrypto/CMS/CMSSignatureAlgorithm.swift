// SPDX-License-Identifier: Apache-2.0

/// The signature scheme named by `SignerInfo.signatureAlgorithm` (RFC 5652 §5.3).
public enum CMSSignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// ECDSA (RFC 5753 §2.1.1, RFC 5758 §3.2): `ecdsa-with-SHA*` under 1.2.840.10045.4.3, or id-ecPublicKey.
    case ecdsa
    /// RSASSA-PKCS1-v1_5 (RFC 3370 §3.2): `rsaEncryption` or `sha*WithRSAEncryption`; both OIDs are accepted.
    case rsaPKCS1v15
    /// RSASSA-PSS (RFC 4056), as signed by health professional cards (HBA).
    case rsaPSS
    /// Anything else, by OID.
    case other(OID)

    /// Classifies a `signatureAlgorithm` OID.
    init(oid: OID) {
        let arcs = oid.arcs
        if oid == CMSOID.ecPublicKey || (arcs.count == 7 && Array(arcs.prefix(6)) == [1, 2, 840, 10045, 4, 3]) {
            self = .ecdsa
        } else if oid == CMSOID.rsaPSS {
            self = .rsaPSS
        } else if oid == CMSOID.rsaEncryption || [11, 12, 13, 14].contains(where: { arcs == [1, 2, 840, 113549, 1, 1, $0] }) {
            self = .rsaPKCS1v15
        } else {
            self = .other(oid)
        }
    }

    /// `ecdsa`, `rsaPKCS1v15`, `rsaPSS` or the dotted OID.
    public var description: String {
        switch self {
        case .ecdsa: "ecdsa"
        case .rsaPKCS1v15: "rsaPKCS1v15"
        case .rsaPSS: "rsaPSS"
        case .other(let oid): oid.dotted
        }
    }
}

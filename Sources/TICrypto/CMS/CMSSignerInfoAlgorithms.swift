// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// The algorithm identifiers, signature value and unsigned attribute types of one SignerInfo (RFC 5652 §5.3).
struct CMSSignerInfoAlgorithms {
    /// `digestAlgorithm.algorithm`.
    let digest: OID
    /// `signatureAlgorithm.algorithm`.
    let signature: OID
    /// `signature` content octets.
    let signatureValue: [UInt8]
    /// `unsignedAttrs` types in received order.
    let unsignedAttributeTypes: [OID]

    /// Reads them from `signerInfo` (not owned).
    init(signerInfo: OpaquePointer) throws(TICryptoError) {
        var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
        var signatureAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(signerInfo, nil, nil, &digestAlgorithm, &signatureAlgorithm)
        guard let digestAlgorithm, let signatureAlgorithm,
            let digest = Self.oid(of: digestAlgorithm), let signature = Self.oid(of: signatureAlgorithm)
        else {
            throw .openSSLFailure(.invalidCMS, "SignerInfo algorithm identifiers unreadable")
        }
        guard let value = CMS_SignerInfo_get0_signature(signerInfo) else {
            throw .openSSLFailure(.invalidCMS, "SignerInfo without signature value")
        }
        var unsigned: [OID] = []
        let count = CMS_unsigned_get_attr_count(signerInfo)
        if count > 0 {
            for index in 0..<count {
                guard let attribute = CMS_unsigned_get_attr(signerInfo, index), let object = X509_ATTRIBUTE_get0_object(attribute),
                    let type = OID(openSSLObject: object)
                else { throw .openSSLFailure(.invalidCMS, "unsigned attribute \(index) unreadable") }
                unsigned.append(type)
            }
        }
        self.digest = digest
        self.signature = signature
        self.signatureValue = OpenSSLBytes.of(value)
        self.unsignedAttributeTypes = unsigned
    }

    private static func oid(of algorithm: UnsafeMutablePointer<X509_ALGOR>) -> OID? {
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        return object.flatMap { OID(openSSLObject: $0) }
    }
}

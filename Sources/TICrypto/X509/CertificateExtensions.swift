// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// The decoded values of the extensions in ``CertificateExtension/handled``; built once while parsing so that a
/// malformed extension makes the whole certificate fail with ``TICryptoError/Code/invalidExtension``.
struct CertificateExtensions: Hashable, Sendable {
    var basicConstraints: BasicConstraints?
    var keyUsage: KeyUsage?
    var extendedKeyUsage: [OID]?
    var certificatePolicies: [OID]?
    var subjectKeyIdentifier: [UInt8]?
    var authorityKeyIdentifier: [UInt8]?
    var authorityInformationAccess: AuthorityInformationAccess?
    var subjectAlternativeNames: [GeneralName]?
    var qcStatements: [OID]?
    var admission: Admission?

    init(_ extensions: [CertificateExtension]) throws(TICryptoError) {
        for item in extensions {
            do {
                try decode(item)
            } catch let error where error.code == .invalidExtension {
                throw error
            } catch {
                throw TICryptoError(.invalidExtension, reason: "extension \(item.oid): \(error.code): \(error.reason)")
            }
        }
    }

    private mutating func decode(_ item: CertificateExtension) throws(TICryptoError) {
        let context = "extension \(item.oid)"
        switch item.oid {
        case CertificateExtension.basicConstraints:
            // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }
            var cursor = try DERCursor(try DERDecoding.parse(item.value[...], context), .sequence, "BasicConstraints")
            let isCA = try cursor.optional(.boolean).map { (node) throws(TICryptoError) in try DERDecoding.boolean(node, context) }
            let pathLength = try cursor.optional(.integer).map { (node) throws(TICryptoError) in
                try DERDecoding.smallInteger(node, context)
            }
            try cursor.finish()
            basicConstraints = BasicConstraints(isCA: isCA ?? false, pathLengthConstraint: pathLength)
        case CertificateExtension.keyUsage:
            let bits = try DERDecoding.bitString(try DERDecoding.parse(item.value[...], context), context)
            keyUsage = try KeyUsage(bitStringBytes: bits.bytes)
        case CertificateExtension.extendedKeyUsage:
            extendedKeyUsage = try Self.oidSequence(item.value, context)
        case CertificateExtension.certificatePolicies:
            // PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, policyQualifiers SEQUENCE OF … OPTIONAL }
            var cursor = try DERCursor(try DERDecoding.parse(item.value[...], context), .sequence, "certificatePolicies")
            var policies: [OID] = []
            for node in cursor.rest() {
                var info = try DERCursor(node, .sequence, "PolicyInformation")
                policies.append(try DERDecoding.oid(try info.next(.objectIdentifier, "policyIdentifier"), context))
                _ = info.optional(.sequence)
                try info.finish()
            }
            certificatePolicies = policies
        case CertificateExtension.subjectKeyIdentifier:
            subjectKeyIdentifier = try DERDecoding.octetString(try DERDecoding.parse(item.value[...], context), context)
        case CertificateExtension.authorityKeyIdentifier:
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL, authorityCertIssuer [1] OPTIONAL,
            //                                       authorityCertSerialNumber [2] OPTIONAL }
            var cursor = try DERCursor(try DERDecoding.parse(item.value[...], context), .sequence, "AuthorityKeyIdentifier")
            authorityKeyIdentifier = try cursor.optional(.context(0)).map { (node) throws(TICryptoError) in
                try DERDecoding.octetString(node, context, tag: .context(0))
            }
            if let issuer = cursor.optional(.context(1)) {
                _ = try GeneralName.sequence(issuer, context: context, identifier: .context(1))
            }
            if let serial = cursor.optional(.context(2)) { _ = try DERDecoding.integerBytes(serial, context, tag: .context(2)) }
            try cursor.finish()
        case CertificateExtension.authorityInformationAccess:
            var cursor = try DERCursor(try DERDecoding.parse(item.value[...], context), .sequence, "AuthorityInfoAccessSyntax")
            var descriptions: [AuthorityInformationAccess.AccessDescription] = []
            for node in cursor.rest() {
                var description = try DERCursor(node, .sequence, "AccessDescription")
                let method = try DERDecoding.oid(try description.next(.objectIdentifier, "accessMethod"), context)
                let location = try GeneralName(node: try description.next("accessLocation"), context: context)
                try description.finish()
                descriptions.append(.init(method: method, location: location))
            }
            authorityInformationAccess = AuthorityInformationAccess(descriptions: descriptions)
        case CertificateExtension.subjectAltName:
            subjectAlternativeNames = try GeneralName.sequence(try DERDecoding.parse(item.value[...], context), context: context)
        case CertificateExtension.qcStatements:
            // QCStatements ::= SEQUENCE OF QCStatement; QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }
            var cursor = try DERCursor(try DERDecoding.parse(item.value[...], context), .sequence, "QCStatements")
            var ids: [OID] = []
            for node in cursor.rest() {
                var statement = try DERCursor(node, .sequence, "QCStatement")
                ids.append(try DERDecoding.oid(try statement.next(.objectIdentifier, "statementId"), context))
                if !statement.isAtEnd { _ = try statement.next("statementInfo") }
                try statement.finish()
            }
            qcStatements = ids
        case CertificateExtension.admission:
            admission = try Admission(extensionValue: item.value)
        default:
            break
        }
    }

    private static func oidSequence(_ value: [UInt8], _ context: String) throws(TICryptoError) -> [OID] {
        var cursor = try DERCursor(try DERDecoding.parse(value[...], context), .sequence, context)
        var oids: [OID] = []
        for node in cursor.rest() { oids.append(try DERDecoding.oid(node, context)) }
        return oids
    }
}

// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension Admission {
    /// Parses the extension value (the content of `extnValue`).
    init(extensionValue bytes: [UInt8]) throws(TICryptoError) {
        let root = try DERDecoding.parse(bytes[...], "AdmissionSyntax")
        var syntax = try DERCursor(root, .sequence, "AdmissionSyntax")
        var authority: GeneralName?
        if let tag = syntax.peekIdentifier, tag.tagClass == .contextSpecific {
            authority = try GeneralName(node: try syntax.next("admissionAuthority"), context: "AdmissionSyntax.admissionAuthority")
        }
        var contents = try DERCursor(try syntax.next(.sequence, "contentsOfAdmissions"), .sequence, "contentsOfAdmissions")
        try syntax.finish()
        var admissions: [Admissions] = []
        for node in contents.rest() { admissions.append(try Admissions(node: node)) }
        self.init(admissionAuthority: authority, contentsOfAdmissions: admissions)
    }
}

extension Admission.Admissions {
    init(node: ASN1Node) throws(TICryptoError) {
        var cursor = try DERCursor(node, .sequence, "Admissions")
        var authority: GeneralName?
        if let wrapper = cursor.optional(.context(0)) {
            var explicit = try DERCursor(wrapper, .context(0), "Admissions.admissionAuthority")
            authority = try GeneralName(node: try explicit.next("GeneralName"), context: "Admissions.admissionAuthority")
            try explicit.finish()
        }
        var naming: Admission.NamingAuthority?
        if let wrapper = cursor.optional(.context(1)) {
            naming = try Admission.NamingAuthority(explicitNode: wrapper, tag: 1)
        }
        var infosCursor = try DERCursor(try cursor.next(.sequence, "professionInfos"), .sequence, "professionInfos")
        try cursor.finish()
        var infos: [Admission.ProfessionInfo] = []
        for info in infosCursor.rest() { infos.append(try Admission.ProfessionInfo(node: info)) }
        self.init(admissionAuthority: authority, namingAuthority: naming, professionInfos: infos)
    }
}

extension Admission.ProfessionInfo {
    init(node: ASN1Node) throws(TICryptoError) {
        var cursor = try DERCursor(node, .sequence, "ProfessionInfo")
        var naming: Admission.NamingAuthority?
        if let wrapper = cursor.optional(.context(0)) {
            naming = try Admission.NamingAuthority(explicitNode: wrapper, tag: 0)
        }
        var itemsCursor = try DERCursor(try cursor.next(.sequence, "professionItems"), .sequence, "professionItems")
        var items: [String] = []
        for item in itemsCursor.rest() { items.append(try DERDecoding.string(item, "ProfessionInfo.professionItems")) }
        var oids: [OID] = []
        if let oidsNode = cursor.optional(.sequence) {
            var oidsCursor = try DERCursor(oidsNode, .sequence, "professionOIDs")
            for oid in oidsCursor.rest() { oids.append(try DERDecoding.oid(oid, "ProfessionInfo.professionOIDs")) }
        }
        // Common PKI specifies PrintableString; any character string type is accepted so that a producer's choice
        // of UTF8String for a Telematik-ID does not make the whole certificate unreadable.
        var registrationNumber: String?
        if let tag = cursor.peekIdentifier, DERDecoding.isStringType(tag) {
            registrationNumber = try DERDecoding.string(try cursor.next("registrationNumber"), "ProfessionInfo.registrationNumber")
        }
        var additional: [UInt8]?
        if let octets = cursor.optional(.octetString) {
            additional = try DERDecoding.octetString(octets, "ProfessionInfo.addProfessionInfo")
        }
        try cursor.finish()
        self.init(
            namingAuthority: naming,
            professionItems: items,
            professionOIDs: oids,
            registrationNumber: registrationNumber,
            addProfessionInfo: additional
        )
    }
}

extension Admission.NamingAuthority {
    init(explicitNode: ASN1Node, tag: UInt) throws(TICryptoError) {
        var explicit = try DERCursor(explicitNode, .context(tag), "NamingAuthority")
        var cursor = try DERCursor(try explicit.next(.sequence, "NamingAuthority"), .sequence, "NamingAuthority")
        try explicit.finish()
        let id = try cursor.optional(.objectIdentifier).map { (node) throws(TICryptoError) in
            try DERDecoding.oid(node, "NamingAuthority.namingAuthorityId")
        }
        let url = try cursor.optional(.ia5String).map { (node) throws(TICryptoError) in
            try DERDecoding.ia5String(node, "NamingAuthority.namingAuthorityUrl")
        }
        var text: String?
        if !cursor.isAtEnd {
            text = try DERDecoding.string(try cursor.next("namingAuthorityText"), "NamingAuthority.namingAuthorityText")
        }
        try cursor.finish()
        self.init(id: id, url: url, text: text)
    }
}

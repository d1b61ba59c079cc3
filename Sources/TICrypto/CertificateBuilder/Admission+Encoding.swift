// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

extension Admission {
    /// The DER `AdmissionSyntax` (Common PKI Part 9), the value of extension 1.3.36.8.3.3; what
    /// ``TelematikCertificate/admission`` reads back.
    ///
    /// Texts (`professionItems`, `namingAuthorityText`) are UTF8String, the `registrationNumber` PrintableString when its
    /// characters allow it (Common PKI) and UTF8String otherwise; empty `professionOIDs` are left out (the field is
    /// OPTIONAL).
    func derEncoded() throws(TICryptoError) -> [UInt8] {
        try DERWriter.encode("AdmissionSyntax") { coder in
            try coder.appendSequence { syntax in
                try self.admissionAuthority?.serialize(into: &syntax)
                try syntax.appendSequence { contents in
                    for admissions in self.contentsOfAdmissions { try admissions.serialize(into: &contents) }
                }
            }
        }
    }
}

extension Admission.Admissions {
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendSequence { sequence in
            if let authority = self.admissionAuthority {
                try sequence.appendExplicit(0) { try authority.serialize(into: &$0) }
            }
            if let naming = self.namingAuthority {
                try sequence.appendExplicit(1) { try naming.serialize(into: &$0) }
            }
            try sequence.appendSequence { infos in
                for info in self.professionInfos { try info.serialize(into: &infos) }
            }
        }
    }
}

extension Admission.ProfessionInfo {
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendSequence { sequence in
            if let naming = self.namingAuthority {
                try sequence.appendExplicit(0) { try naming.serialize(into: &$0) }
            }
            try sequence.appendSequence { items in
                for item in self.professionItems { try items.appendDirectoryString(item, preferPrintable: false) }
            }
            if !self.professionOIDs.isEmpty {
                try sequence.appendSequence { oids in
                    for oid in self.professionOIDs { try oids.appendOID(oid) }
                }
            }
            if let number = self.registrationNumber {
                try sequence.appendDirectoryString(number, preferPrintable: true)
            }
            if let additional = self.addProfessionInfo {
                sequence.appendOctetString(additional)
            }
        }
    }
}

extension Admission.NamingAuthority {
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendSequence { sequence in
            if let id = self.id { try sequence.appendOID(id) }
            if let url = self.url { try sequence.appendIA5String(url) }
            if let text = self.text { try sequence.appendDirectoryString(text, preferPrintable: false) }
        }
    }
}

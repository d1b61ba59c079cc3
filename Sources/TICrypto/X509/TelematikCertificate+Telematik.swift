// SPDX-License-Identifier: Apache-2.0

extension TelematikCertificate {
    /// The profession OIDs of the Admission extension (empty without one): the holder's role in the TI,
    /// compared with ``TelematikOID`` constants, e.g. `oid_arzt` / `oid_zahnarzt` for the QES of a prescription
    /// (gemSpec_FD_eRp A_19225-02, spec/fd-api.md §6 step 5).
    public var professionOIDs: [OID] { admission?.professionOIDs ?? [] }

    /// Whether the Admission extension names `oid` as a profession OID.
    public func hasProfessionOID(_ oid: OID) -> Bool { professionOIDs.contains(oid) }

    /// Whether certificatePolicies contains `policy`, e.g. ``TelematikOID/hbaQES``.
    public func hasPolicy(_ policy: OID) -> Bool { certificatePolicies.contains(policy) }

    /// The Telematik-ID: the Admission's first `registrationNumber`.
    ///
    /// In HBA, SMC-B and service (e.g. C.FD.*) certificates the TI writes the Telematik-ID into
    /// `ProfessionInfo.registrationNumber` (spec/ref-impl.md §E.2: "Admission extension carrying the profession OID
    /// and … Telematik-ID"; observed in the revoked test HBA fixture: `1-HBA-Testkarte-883110000129185`).
    /// Older test cards leave it out (the `Sam Schraßer` fixture has none), so this is optional.
    public var telematikID: String? { admission?.registrationNumber }

    /// The KVNR (unchangeable 10-character part of the Krankenversichertennummer) of an eGK certificate.
    ///
    /// eGK certificates (C.CH.AUT/ENC/QES) carry the KVNR in an `organizationalUnitName` of the subject (the other OU
    /// holds the insurer's 9-digit IK number); spec/ref-impl.md §E.2 "eGK AUT certs (KVNR in OU)". Rule implemented:
    /// the first OU whose first 10 characters are one upper-case letter and 9 digits (the KVNR format, spec/fd-api.md
    /// §4.5) gives those 10 characters. No real eGK certificate was available to confirm the layout; the check digit
    /// is not verified here (that belongs to the `KVNR` type in Workflow).
    public var kvnr: String? {
        for unit in subject.organizationalUnitNames {
            let prefix = Array(unit.unicodeScalars.prefix(10))
            guard prefix.count == 10, ("A"..."Z").contains(prefix[0]),
                prefix.dropFirst().allSatisfy({ ("0"..."9").contains($0) })
            else { continue }
            return String(String.UnicodeScalarView(prefix))
        }
        return nil
    }
}

// SPDX-License-Identifier: Apache-2.0

extension TestPKI {
    /// A plain-text table of the identities (name, kind, issuer, Telematik-ID or KVNR, profession OID, display name),
    /// one line per identity with a header line, for terminals; revoked identities are marked.
    public var identityTable: String {
        let header = ["NAME", "KIND", "ISSUER", "TELEMATIK-ID / KVNR", "PROFESSION OID", "DISPLAY NAME"]
        var rows = [header]
        for identity in self.identities {
            rows.append([
                identity.name + (self.isRevoked(identity) ? " (revoked)" : ""),
                identity.kind.rawValue,
                identity.issuer ?? "-",
                identity.kvnr ?? identity.telematikID ?? "-",
                identity.professionOID?.dotted ?? "-",
                identity.displayName,
            ])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

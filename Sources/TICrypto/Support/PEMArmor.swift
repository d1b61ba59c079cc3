// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// PEM (RFC 7468) armouring of DER documents this module emits.
enum PEMArmor {
    /// `-----BEGIN <label>-----`, base64 in 64-character lines, `-----END <label>-----`, each line ending in "\n".
    static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }
}

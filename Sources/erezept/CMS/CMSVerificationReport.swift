// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// What `erezept cms verify` found, printed as text or as one JSON object (`--json`).
///
/// JSON members: `signature` (`valid`, `reason`), `signer` (`subject`, `issuer`, `serialNumber`, `professionOID`,
/// `profession`, `telematikId`, `kvnr`), `signingTime`, `contentLength`, `chain` (`status`: `valid`, `invalid` or
/// `notChecked`; `referenceTime`, `path` from the signer to the anchor, `error` code and `reason` when invalid), and
/// `revocation` (`status`: `good`, `revoked`, `revokedAfterReferenceTime`, `unknown`, `notAvailable` or `notChecked`;
/// `thisUpdate`, `revocationTime`, `revocationReason` where known). Dates are ISO 8601 UTC.
struct CMSVerificationReport: Encodable {
    struct Signature: Encodable {
        var valid: Bool
        var reason: String?
    }

    struct Signer: Encodable {
        var subject: String
        var issuer: String
        var serialNumber: String
        var professionOID: String?
        var profession: String?
        var telematikId: String?
        var kvnr: String?
    }

    struct Chain: Encodable {
        var status: String
        var referenceTime: String?
        var path: [String]?
        var error: String?
        var reason: String?
    }

    struct Revocation: Encodable {
        var status: String
        var thisUpdate: String?
        var revocationTime: String?
        var revocationReason: String?
    }

    var signature: Signature
    var signer: Signer
    var signingTime: String?
    var contentLength: Int
    var chain: Chain
    var revocation: Revocation

    /// Whether the command succeeds: the signature holds and the chain, if checked, holds too.
    var passed: Bool { signature.valid && chain.status != "invalid" }

    /// The report as aligned text lines.
    var text: String {
        var lines: [(String, String)] = [
            ("signature", signature.valid ? "valid" : "INVALID (\(signature.reason ?? "no reason"))"),
            ("signer", signer.subject),
            ("issuer", signer.issuer),
            ("serial", signer.serialNumber),
        ]
        if let oid = signer.professionOID { lines.append(("profession", signer.profession.map { "\(oid) (\($0))" } ?? oid)) }
        if let id = signer.telematikId { lines.append(("telematik-id", id)) }
        if let kvnr = signer.kvnr { lines.append(("kvnr", kvnr)) }
        lines.append(("signing time", signingTime ?? "none"))
        lines.append(("content", "\(contentLength) bytes"))
        switch chain.status {
        case "notChecked":
            lines.append(("chain", "not checked (no --pki): only the signature mathematics was checked"))
        case "valid":
            lines.append(("chain", "valid at \(chain.referenceTime ?? "?"): \((chain.path ?? []).joined(separator: " < "))"))
        default:
            lines.append(("chain", "INVALID at \(chain.referenceTime ?? "?"): \(chain.error ?? "?") (\(chain.reason ?? ""))"))
        }
        var revocationText = revocation.status
        if let time = revocation.revocationTime { revocationText += " at \(time)" }
        if let reason = revocation.revocationReason { revocationText += " (\(reason))" }
        if let thisUpdate = revocation.thisUpdate { revocationText += ", OCSP thisUpdate \(thisUpdate)" }
        lines.append(("revocation", revocationText))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }

    /// The report as one JSON object with sorted keys.
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map(Array.init) ?? Array("{}".utf8)) + [0x0A]
    }

    /// ISO 8601 UTC, whole seconds.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}

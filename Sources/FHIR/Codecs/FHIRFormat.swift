// SPDX-License-Identifier: Apache-2.0

/// The two wire formats of FHIR R4.
public enum FHIRFormat: String, Sendable, CaseIterable {
    case json
    case xml

    /// Detects the format from the first significant byte: `{` is JSON, `<` is XML.
    ///
    /// A leading byte order mark is not skipped: FHIR documents must not carry one, and the decoder rejects it.
    public static func detect(_ bytes: some Collection<UInt8>) -> FHIRFormat? {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "{"): return .json
            case UInt8(ascii: "<"): return .xml
            default: return nil
            }
        }
        return nil
    }
}

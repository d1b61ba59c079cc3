// SPDX-License-Identifier: Apache-2.0

/// A profile reference `url|version` as `meta.profile` carries it (FHIR R4 canonical with version).
public struct CanonicalProfile: Hashable, Sendable, CustomStringConvertible {
    /// The StructureDefinition URL.
    public let url: String
    /// The version after `|`, if any (KBV writes major.minor, e.g. `1.3`).
    public let version: String?

    /// Splits `text` at the first `|`.
    public init(_ text: String) {
        if let bar = text.firstIndex(of: "|") {
            self.url = String(text[..<bar])
            self.version = String(text[text.index(after: bar)...])
        } else {
            self.url = text
            self.version = nil
        }
    }

    /// The last path segment of the URL, e.g. `KBV_PR_ERP_Bundle`.
    public var name: String { String(url.split(separator: "/").last ?? Substring(url)) }

    /// `url|version`.
    public var description: String { version.map { "\(url)|\($0)" } ?? url }
}

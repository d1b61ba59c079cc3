// SPDX-License-Identifier: Apache-2.0

public import FHIR
internal import Foundation
public import Hummingbird
public import Workflow

/// Content negotiation between FHIR JSON and XML (spec/fd-api.md §1.3).
///
/// - Request bodies: `Content-Type` `application/fhir+json` or `application/fhir+xml`; `application/json` and
///   `application/xml` are taken as the same. A `charset` parameter must be UTF-8.
/// - Responses: `_format` wins over `Accept`; without either, insurants get JSON and everyone else XML.
public enum FHIRMediaType {
    /// The `Content-Type` of a FHIR response in `format`.
    public static func contentType(of format: FHIRFormat) -> String {
        switch format {
        case .json: "application/fhir+json;charset=utf-8"
        case .xml: "application/fhir+xml;charset=utf-8"
        }
    }

    /// The default response format of a role: insurants (FdV) JSON, everyone else XML.
    // A_19536 … A_19539 (spec/fd-api.md §1.3): default MIME type per caller group, `_format` and `Accept` override it.
    public static func defaultFormat(for role: Role?) -> FHIRFormat {
        role == .insurant ? .json : .xml
    }

    /// The format of a request body from its `Content-Type`, or `nil` when it is not a FHIR format or names another
    /// charset than UTF-8.
    public static func requestFormat(contentType: String) -> FHIRFormat? {
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        guard let type = parts.first, let format = self.format(mediaType: type) else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
            // spec/fd-api.md §1.3: input must be UTF-8.
            if name == "charset" && value != "utf-8" && value != "utf8" { return nil }
        }
        return format
    }

    /// The value of `_format`, if the query has one.
    public static func formatParameter(of request: Request) -> String? {
        guard let query = request.uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "_format" else { continue }
            // `+` stays a plus sign: `_format=application/fhir+json` must not turn into a space.
            return String(parts[1]).removingPercentEncoding ?? String(parts[1])
        }
        return nil
    }

    /// The format that `_format` names: `json`, `xml`, `fhir+json`, `application/fhir+xml` and so on.
    public static func format(formatParameter value: String) -> FHIRFormat? {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "json", "fhir+json", "application/json", "application/fhir+json": .json
        case "xml", "fhir+xml", "application/xml", "application/fhir+xml", "text/xml": .xml
        default: self.format(mediaType: Substring(value.split(separator: ";").first ?? ""))
        }
    }

    /// The format the request asks for explicitly by `_format` or `Accept`, ignoring wildcards; `nil` when it asks
    /// for none or for one that cannot be served.
    public static func explicitFormat(of request: Request) -> FHIRFormat? {
        if let value = self.formatParameter(of: request) { return self.format(formatParameter: value) }
        if let accept = request.headers[.accept], case .format(let format) = self.negotiate(accept: accept) { return format }
        return nil
    }

    /// The response format for a request from a caller with `role`.
    /// - Throws: 406 when `_format` or `Accept` names only formats that cannot be served.
    public static func responseFormat(of request: Request, role: Role?) throws(OperationOutcomeError) -> FHIRFormat {
        let fallback = self.defaultFormat(for: role)
        // `_format` overrides `Accept` (spec/fd-api.md §1.3).
        if let value = self.formatParameter(of: request) {
            guard let format = self.format(formatParameter: value) else { throw .notAcceptable(value) }
            return format
        }
        let accept = request.headers[values: .accept].joined(separator: ",")
        guard !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return fallback }
        switch self.negotiate(accept: accept) {
        case .format(let format): return format
        case .any: return fallback
        case .none: throw .notAcceptable(accept)
        }
    }

    private enum AcceptResult {
        case format(FHIRFormat)
        case any
        case none
    }

    /// Picks the acceptable media range with the highest quality; ties go to the first listed.
    private static func negotiate(accept: String) -> AcceptResult {
        var best: (result: AcceptResult, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let type = parts.first?.trimmingCharacters(in: .whitespaces).lowercased(), !type.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q" { quality = Double(pair[1]) ?? 0 }
            }
            guard quality > 0 else { continue }
            let result: AcceptResult
            if type == "*/*" || type == "application/*" {
                result = .any
            } else if let format = self.format(mediaType: Substring(type)) {
                result = .format(format)
            } else {
                continue
            }
            if best == nil || quality > best!.quality { best = (result, quality) }
        }
        return best?.result ?? .none
    }

    private static func format(mediaType: Substring) -> FHIRFormat? {
        switch mediaType.trimmingCharacters(in: .whitespaces).lowercased() {
        case "application/fhir+json", "application/json": .json
        case "application/fhir+xml", "application/xml", "text/xml": .xml
        default: nil
        }
    }
}

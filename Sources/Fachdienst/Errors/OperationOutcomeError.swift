// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Hummingbird

/// An error answered with a FHIR `OperationOutcome` (spec/fd-api.md §9).
///
/// `issue.severity` is `error`, `issue.code` the FHIR issue type, `issue.details.text` the specified message,
/// `issue.diagnostics` a technical detail and `issue.expression` the location in the request body. None of them ever
/// carries stack traces or internal state.
public struct OperationOutcomeError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The FHIR issue type (`http://hl7.org/fhir/issue-type`), for example `invalid`, `security` or `not-found`.
    public var issueCode: String
    /// The message for `issue.details.text`.
    public var text: String
    /// The detail code for `issue.details.coding` (a `TIFLOW_*` code where the guides name one).
    public var detailCode: String?
    /// Technical detail for `issue.diagnostics`.
    public var diagnostics: String?
    /// FHIRPath locations for `issue.expression`.
    public var expression: [String]
    /// Extra response header fields, such as `WWW-Authenticate` or `Allow`.
    public var headers: HTTPFields

    /// Creates an error.
    public init(
        status: HTTPResponse.Status,
        issueCode: String,
        text: String,
        detailCode: String? = nil,
        diagnostics: String? = nil,
        expression: [String] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.issueCode = issueCode
        self.text = text
        self.detailCode = detailCode
        self.diagnostics = diagnostics
        self.expression = expression
        self.headers = headers
    }

    /// The `OperationOutcome` resource with one issue.
    public var operationOutcome: OperationOutcome {
        let coding = self.detailCode.map { [Coding(code: Primitive($0))] } ?? []
        let issue = OperationOutcome.Issue(
            severity: "error",
            code: Primitive(self.issueCode),
            details: CodeableConcept(coding: coding, text: Primitive(self.text)),
            diagnostics: self.diagnostics.map { Primitive($0) },
            expression: self.expression.map { Primitive($0) }
        )
        return OperationOutcome(issue: [issue])
    }

    /// The response in `format`.
    public func response(format: FHIRFormat) -> Response {
        var response = FHIRResponse.make(self.operationOutcome, status: self.status, format: format)
        response.headers.append(contentsOf: self.headers)
        return response
    }

    /// The response in the format the context negotiated, or in the explicitly requested format, or XML.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if let context = context as? FachdienstRequestContext {
            return self.response(format: context.responseFormat)
        }
        return self.response(format: FHIRMediaType.explicitFormat(of: request) ?? .xml)
    }
}

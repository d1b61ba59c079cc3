// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Hummingbird
public import Workflow

extension OperationOutcomeError {
    /// 401 with `WWW-Authenticate: Bearer` (spec/ref-impl.md C.4 "Errors → 401 with WWW-Authenticate").
    ///
    /// - Parameters:
    ///   - issueCode: `login` when no token was sent, `expired` for an expired token, else `security`.
    ///   - reason: Why the token was refused; never contains the token or its claims' values.
    public static func unauthenticated(issueCode: String = "login", reason: String) -> OperationOutcomeError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer"
        return OperationOutcomeError(
            status: .unauthorized,
            issueCode: issueCode,
            text: "Unauthorized",
            diagnostics: reason,
            headers: headers
        )
    }

    /// 404: no route for the path.
    public static let notFound = OperationOutcomeError(status: .notFound, issueCode: "not-found", text: "Resource or operation not found")

    /// 405: the path exists, but not with this method (spec/fd-api.md §9).
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> OperationOutcomeError {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return OperationOutcomeError(status: .methodNotAllowed, issueCode: "not-supported", text: "Method not allowed", headers: headers)
    }

    /// 406: none of the formats in `Accept` or `_format` can be served (spec/fd-api.md §1.3).
    public static func notAcceptable(_ requested: String) -> OperationOutcomeError {
        OperationOutcomeError(
            status: .notAcceptable,
            issueCode: "not-supported",
            text: "Not acceptable: the server answers application/fhir+json or application/fhir+xml",
            diagnostics: "requested: \(requested.prefix(200))"
        )
    }

    /// 415: the request body's `Content-Type` is not a FHIR format (spec/fd-api.md §1.3).
    public static func unsupportedMediaType(_ contentType: String?) -> OperationOutcomeError {
        OperationOutcomeError(
            status: .unsupportedMediaType,
            issueCode: "not-supported",
            text: "Unsupported media type: send application/fhir+json or application/fhir+xml in UTF-8",
            diagnostics: contentType.map { "Content-Type: \($0.prefix(200))" } ?? "no Content-Type"
        )
    }

    /// 413: the request body exceeds the limit (spec/fd-api.md §1.1: 1 MB).
    public static func contentTooLarge(limit: Int) -> OperationOutcomeError {
        OperationOutcomeError(
            status: .contentTooLarge,
            issueCode: "too-long",
            text: "Request body too large",
            diagnostics: "at most \(limit) bytes are accepted"
        )
    }

    /// 500 with a fixed text; the cause goes to the log only.
    public static let internalError = OperationOutcomeError(
        status: .internalServerError,
        issueCode: "exception",
        text: "Internal server error"
    )

    /// 400 for a body that is not a valid FHIR resource, with the decoder's path in `expression`.
    public init(_ error: FHIRDecodingError) {
        // TIFLOW_BOM_DETECTED for a byte order mark (spec/fd-api.md §1.3).
        let isBOM = error.code == .byteOrderMark
        self.init(
            status: .badRequest,
            issueCode: error.code == .syntax ? "structure" : "invalid",
            text: isBOM ? "Byte order mark detected" : "Invalid FHIR resource",
            detailCode: isBOM ? "TIFLOW_BOM_DETECTED" : nil,
            diagnostics: error.description,
            expression: error.path.isEmpty ? [] : [error.path]
        )
    }

    /// The answer a workflow rule gives: its status, issue type, reason and detail code.
    public init(_ error: WorkflowError) {
        self.init(
            status: HTTPResponse.Status(code: error.httpStatus),
            issueCode: error.issueType.rawValue,
            text: error.reason.isEmpty ? error.code.description : error.reason,
            detailCode: error.code.detailCode
        )
    }

    /// Maps any error to the answer the client sees: the known error types keep their meaning, Hummingbird's
    /// `HTTPError` keeps its status with a generic text, everything else becomes a 500 without details.
    public init(mapping error: any Error) {
        switch error {
        case let error as OperationOutcomeError: self = error
        case let error as FHIRDecodingError: self.init(error)
        case let error as WorkflowError: self.init(error)
        case let error as HTTPError: self.init(httpError: error)
        default: self = .internalError
        }
    }

    private init(httpError: HTTPError) {
        switch httpError.status {
        case .notFound: self = .notFound
        case .contentTooLarge: self = .contentTooLarge(limit: FachdienstConfiguration.defaultMaximumBodySize)
        case .unauthorized: self = .unauthenticated(reason: "authentication required")
        default:
            let isServerError = httpError.status.kind == .serverError
            self.init(
                status: httpError.status,
                issueCode: isServerError ? "exception" : "processing",
                text: httpError.status.reasonPhrase
            )
        }
    }
}

// SPDX-License-Identifier: Apache-2.0

/// The `error` value of an OAuth 2.0 error answer (RFC 6749 §4.1.2.1, §5.2) as the gematik IDP uses it.
public enum OAuthErrorType: String, Hashable, Sendable, CaseIterable {
    /// A parameter is missing, repeated, malformed or otherwise unacceptable.
    case invalidRequest = "invalid_request"
    /// The client is unknown or does not match the authorization code.
    case invalidClient = "invalid_client"
    /// The authorization code or the PKCE verifier is invalid, expired or used.
    case invalidGrant = "invalid_grant"
    /// The requested scope is unknown or not allowed.
    case invalidScope = "invalid_scope"
    /// The `response_type` is not `code`.
    case unsupportedResponseType = "unsupported_response_type"
    /// The `grant_type` is not `authorization_code`.
    case unsupportedGrantType = "unsupported_grant_type"
    /// The server failed.
    case serverError = "server_error"
}

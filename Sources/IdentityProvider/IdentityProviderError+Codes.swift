// SPDX-License-Identifier: Apache-2.0

// The numbers, OAuth errors and statuses are those the gematik IDP answers with in its test suite
// (ref-idp-server idp-testsuite `authentication.feature`, `authorizationWithSignedChallenge.feature`,
// `getTokenWithSignedChallenge.feature`); the texts are ours. docs/idp.md lists them.
extension IdentityProviderError.Code {
    // MARK: Authorization request (1xxx, 2xxx)

    /// `client_id` is missing.
    public static let clientIDMissing = Self("clientIDMissing", .invalidRequest, "1002", "client_id wurde nicht übermittelt")
    /// `redirect_uri` is missing.
    public static let redirectURIMissing = Self("redirectURIMissing", .invalidRequest, "1004", "redirect_uri wurde nicht übermittelt")
    /// `scope` is missing.
    public static let scopeMissing = Self("scopeMissing", .invalidRequest, "1005", "scope wurde nicht übermittelt")
    /// `redirect_uri` is not the one registered for the client (or not the one of the code).
    public static let redirectURIInvalid = Self("redirectURIInvalid", .invalidRequest, "1020", "redirect_uri ist ungültig")
    /// `scope` lacks `openid` or a Fachdienst scope.
    public static let scopeInvalid = Self("scopeInvalid", .invalidScope, "1022", "scope ist ungültig")
    /// `scope` names an unknown Fachdienst.
    public static let fachdienstUnknown = Self("fachdienstUnknown", .invalidScope, "1030", "Fachdienst ist unbekannt")
    /// `state` is missing.
    public static let stateMissing = Self("stateMissing", .invalidRequest, "2002", "state wurde nicht übermittelt")
    /// `response_type` is missing.
    public static let responseTypeMissing = Self("responseTypeMissing", .invalidRequest, "2004", "response_type wurde nicht übermittelt")
    /// `response_type` is not `code`.
    public static let responseTypeUnsupported = Self(
        "responseTypeUnsupported",
        .unsupportedResponseType,
        "2005",
        "response_type wird nicht unterstützt"
    )
    /// `state` is longer than 32 characters.
    public static let stateInvalid = Self("stateInvalid", .invalidRequest, "2006", "state ist ungültig")
    /// `nonce` is longer than 32 characters.
    public static let nonceInvalid = Self("nonceInvalid", .invalidRequest, "2007", "nonce ist ungültig")
    /// `code_challenge_method` is missing or not `S256`.
    public static let codeChallengeMethodInvalid = Self(
        "codeChallengeMethodInvalid",
        .invalidRequest,
        "2008",
        "code_challenge_method ist ungültig"
    )
    /// `code_challenge` is missing.
    public static let codeChallengeMissing = Self("codeChallengeMissing", .invalidRequest, "2009", "code_challenge wurde nicht übermittelt")
    /// `code_challenge` is not a base64url SHA-256 value.
    public static let codeChallengeInvalid = Self("codeChallengeInvalid", .invalidRequest, "2010", "code_challenge ist ungültig")
    /// `client_id` is not registered.
    public static let clientIDInvalid = Self("clientIDInvalid", .invalidRequest, "2012", "client_id ist ungültig")

    // MARK: Signed challenge (2xxx)

    /// The card's signature over the challenge does not verify, or is not `BP256R1`.
    public static let cardSignatureInvalid = Self("cardSignatureInvalid", .invalidRequest, "2013", "Signatur der Challenge ist ungültig")
    /// The card certificate is missing, untrusted, expired, revoked or lacks Admission or ID number.
    public static let cardCertificateInvalid = Self("cardCertificateInvalid", .invalidRequest, "2020", "Das AUT Zertifikat ist ungültig")
    /// The signed challenge is missing, not decryptable, not a `NJWT`, or the challenge was not issued by this IDP.
    public static let challengeInvalid = Self("challengeInvalid", .invalidRequest, "2030", "Challenge ist ungültig")
    /// The challenge has no `exp`.
    public static let challengeExpiryMissing = Self("challengeExpiryMissing", .invalidRequest, "2031", "Claim exp fehlt in der Challenge")
    /// The challenge has expired.
    public static let challengeExpired = Self("challengeExpired", .invalidRequest, "2032", "Challenge ist abgelaufen")

    // MARK: Token request (3xxx)

    /// `code_verifier` does not hash to the `code_challenge` (RFC 7636 §4.6).
    public static let codeVerifierMismatch = Self(
        "codeVerifierMismatch",
        .invalidGrant,
        "3000",
        "code_verifier stimmt nicht mit code_challenge überein"
    )
    /// `code_verifier` is missing from the key verifier.
    public static let codeVerifierMissing = Self("codeVerifierMissing", .invalidRequest, "3004", "code_verifier wurde nicht übermittelt")
    /// `code` is missing.
    public static let codeMissing = Self("codeMissing", .invalidRequest, "3005", "Authorization Code wurde nicht übermittelt")
    /// `grant_type` is missing.
    public static let grantTypeMissing = Self("grantTypeMissing", .invalidRequest, "3006", "grant_type wurde nicht übermittelt")
    /// `client_id` is unknown or not the one of the code.
    public static let tokenClientInvalid = Self("tokenClientInvalid", .invalidClient, "3007", "client_id ist ungültig")
    /// The code has expired.
    public static let codeExpired = Self("codeExpired", .invalidGrant, "3011", "Authorization Code ist abgelaufen")
    /// The code cannot be decrypted or was not issued by this IDP.
    public static let codeInvalid = Self("codeInvalid", .invalidGrant, "3013", "Authorization Code ist nicht lesbar")
    /// The code was used before (RFC 6749 §4.1.2); gematik has no number for it, so it shares 3013.
    public static let codeReused = Self("codeReused", .invalidGrant, "3013", "Authorization Code wurde bereits verwendet")
    /// `grant_type` is not `authorization_code`.
    public static let grantTypeUnsupported = Self("grantTypeUnsupported", .unsupportedGrantType, "3014", "grant_type wird nicht unterstützt")
    /// `code_verifier` is not 43–128 unreserved characters (RFC 7636 §4.1).
    public static let codeVerifierInvalid = Self("codeVerifierInvalid", .invalidRequest, "3016", "code_verifier ist ungültig")
    /// `key_verifier` is missing.
    public static let keyVerifierMissing = Self("keyVerifierMissing", .invalidRequest, "3020", "key_verifier wurde nicht übermittelt")
    /// `key_verifier` cannot be decrypted or parsed.
    public static let keyVerifierInvalid = Self("keyVerifierInvalid", .invalidRequest, "3021", "key_verifier ist nicht lesbar")
    /// `token_key` is missing from the key verifier.
    public static let tokenKeyMissing = Self("tokenKeyMissing", .invalidRequest, "3022", "token_key wurde nicht übermittelt")
    /// `token_key` does not decode to 32 bytes.
    public static let tokenKeyInvalid = Self("tokenKeyInvalid", .invalidRequest, "3023", "token_key ist nicht lesbar")

    // MARK: Server

    /// Signing or encrypting failed.
    public static let serverError = Self("serverError", .serverError, "2100", "Interner Fehler")
}

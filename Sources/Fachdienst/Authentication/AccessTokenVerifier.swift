// SPDX-License-Identifier: Apache-2.0

public import Foundation
public import TICrypto
public import Workflow

/// Checks IDP access tokens as the Fachdienst does on every request (spec/ref-impl.md C.4) and caches the result
/// per token until its `exp`.
///
/// Checks, in order: compact JWS with `alg` `BP256R1` and a valid signature of the IDP signer (steps 1, 6); the
/// required claims (step 2); `acr` (step 3); `aud` (step 4); `exp`, `iat` and `nbf` (step 5); the role of
/// `professionOID` and the form of `idNummer` (KVNR for insurants, Telematik-ID for everyone else).
public struct AccessTokenVerifier: Sendable {
    /// The level of assurance every token may carry.
    public static let acrHigh = "gematik-ehealth-loa-high"
    /// The level of assurance insurant tokens of a GesundheitsID may carry, together with the consent claim.
    public static let acrSubstantial = "gematik-ehealth-loa-substantial"

    private let signatureVerifier: any AccessTokenSignatureVerifier
    private let audience: String
    private let clock: any WallClock
    private let clockSkew: TimeInterval
    private let cache: AccessTokenCache

    /// Creates a verifier.
    /// - Parameters:
    ///   - signatureVerifier: Checks the token signature, normally an ``IDPSignatureVerifier``.
    ///   - audience: The exact `aud` expected.
    ///   - clock: The source of the current time.
    ///   - clockSkew: How far `iat` may lie in the future.
    ///   - cacheCapacity: How many verified tokens to remember.
    public init(
        signatureVerifier: any AccessTokenSignatureVerifier,
        audience: String,
        clock: any WallClock,
        clockSkew: TimeInterval = 2,
        cacheCapacity: Int = 10_000
    ) {
        self.signatureVerifier = signatureVerifier
        self.audience = audience
        self.clock = clock
        self.clockSkew = clockSkew
        self.cache = AccessTokenCache(capacity: cacheCapacity)
    }

    /// A verifier for the IDP signer certificate, audience, clock and cache size of `configuration`.
    /// - Throws: when the certificate holds no brainpoolP256r1 key.
    public init(configuration: FachdienstConfiguration) throws(TICryptoError) {
        self.init(
            signatureVerifier: try IDPSignatureVerifier(certificate: configuration.idpSignerCertificate),
            audience: configuration.audience,
            clock: configuration.clock,
            clockSkew: configuration.clockSkew,
            cacheCapacity: configuration.tokenCacheCapacity
        )
    }

    /// The number of tokens currently cached.
    public var cachedTokenCount: Int { self.cache.count }

    /// Verifies `token` (the part after `Bearer `) and returns its caller.
    /// - Throws: ``AccessTokenError`` naming the failed check.
    public func verify(_ token: String) throws(AccessTokenError) -> Caller {
        let now = self.clock.now
        if let caller = self.cache.caller(for: token, at: now) { return caller }
        let jws: JWS
        do {
            jws = try JWS(compact: token)
        } catch {
            throw AccessTokenError(.malformed, reason: "not a compact BP256R1 JWS")
        }
        do {
            try self.signatureVerifier.verifySignature(of: jws)
        } catch {
            throw AccessTokenError(.invalidSignature, reason: "the signature does not verify with the IDP signer key")
        }
        let caller = try self.caller(from: AccessTokenClaims(payload: jws.payload), at: now)
        self.cache.insert(caller, for: token, at: now)
        return caller
    }

    private func caller(from claims: AccessTokenClaims, at now: Date) throws(AccessTokenError) -> Caller {
        let professionText = try claims.string("professionOID")
        guard let professionOID = OID(dotted: professionText), let role = Role(professionOID: professionOID) else {
            throw AccessTokenError(.unknownProfession, reason: "professionOID belongs to no workflow role")
        }
        let isInsurant = role == .insurant
        // spec/ref-impl.md C.4 step 2: the required claims.
        for name in ["iss", "sub", "acr", "aud", "idNummer", "jti"] { _ = try claims.string(name) }
        let displayName = claims.optionalString("display_name") ?? Self.fullName(claims)
        let organizationName = claims.optionalString("organizationName")
        if isInsurant {
            _ = try claims.string("organizationName")
            guard displayName != nil else {
                throw AccessTokenError(.missingClaim, reason: "claim display_name or given_name and family_name is missing")
            }
        }
        // spec/ref-impl.md C.4 step 3: loa-high, or loa-substantial with consent for insurants only.
        let acr = try claims.string("acr")
        let substantialAllowed = isInsurant && claims.optionalString("urn:telematik:auth:consent") == "loa-substantial"
        guard acr == Self.acrHigh || (acr == Self.acrSubstantial && substantialAllowed) else {
            throw AccessTokenError(.insufficientAssurance, reason: "acr is not an accepted level of assurance")
        }
        // spec/ref-impl.md C.4 step 4: aud equals the configured URI exactly.
        guard try claims.string("aud") == self.audience else {
            throw AccessTokenError(.wrongAudience, reason: "aud is not this service")
        }
        // spec/ref-impl.md C.4 step 5: now ≤ exp, iat at most the skew in the future, now ≥ nbf if present.
        let expiresAt = try claims.time("exp")
        let issuedAt = try claims.time("iat")
        guard now <= expiresAt else { throw AccessTokenError(.expired, reason: "the token has expired") }
        guard issuedAt <= now.addingTimeInterval(self.clockSkew) else {
            throw AccessTokenError(.notYetValid, reason: "iat lies in the future")
        }
        if let notBefore = claims.optionalTime("nbf"), now < notBefore {
            throw AccessTokenError(.notYetValid, reason: "nbf lies in the future")
        }
        return Caller(
            role: role,
            professionOID: professionOID,
            identifier: try Self.identifier(try claims.string("idNummer"), isInsurant: isInsurant),
            displayName: displayName,
            organizationName: organizationName,
            subject: try claims.string("sub"),
            expiresAt: expiresAt
        )
    }

    private static func identifier(_ text: String, isInsurant: Bool) throws(AccessTokenError) -> Caller.Identifier {
        do {
            return isInsurant ? .kvnr(try KVNR(text)) : .telematikID(try TelematikID(text))
        } catch {
            throw AccessTokenError(.invalidIdentifier, reason: isInsurant ? "idNummer is not a valid KVNR" : "idNummer is not a valid Telematik-ID")
        }
    }

    private static func fullName(_ claims: AccessTokenClaims) -> String? {
        guard let given = claims.optionalString("given_name"), let family = claims.optionalString("family_name") else { return nil }
        return "\(given) \(family)"
    }
}

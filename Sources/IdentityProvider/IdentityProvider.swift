// SPDX-License-Identifier: Apache-2.0

internal import Crypto
internal import Foundation
internal import TICrypto

/// The gematik identity provider (spec/ref-impl.md C): discovery document, challenge, signed challenge with a card
/// certificate, PKCE token exchange, `BP256R1` access and ID tokens encrypted under the client's token key.
///
/// Challenges and codes are self-contained (signed, codes also encrypted under a key that only this instance knows),
/// as at gematik; the only state is the set of redeemed codes. Mount the endpoints with
/// ``addRoutes(to:)``; docs/idp.md describes the wire format.
public struct IdentityProvider: Sendable {
    /// The path prefix of every endpoint.
    public static let basePath = "/idp"
    /// Seconds a challenge is valid (spec/ref-impl.md C.2: 3 minutes).
    public static let challengeLifetime: Int64 = 180
    /// Seconds a code is valid (spec/ref-impl.md C.2: 60 s).
    public static let codeLifetime: Int64 = 60
    /// Seconds access and ID tokens are valid (`expires_in`, spec/ref-impl.md C.2, C.3: 300).
    public static let tokenLifetime: Int64 = 300
    /// Seconds the discovery document is valid (gematik IDP test suite: at most 24 h).
    public static let discoveryLifetime: Int64 = 86_400

    /// The settings.
    public let configuration: IdentityProviderConfiguration
    let signer: TokenSigner
    let codeKey: [UInt8]
    let usedCodes = UsedCodeRegistry()

    /// Creates an identity provider; the key that encrypts codes is fresh for every instance.
    public init(configuration: IdentityProviderConfiguration) {
        self.configuration = configuration
        self.signer = TokenSigner(key: configuration.signingKey)
        self.codeKey = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The URL of the endpoint at `path` below the issuer.
    func url(_ path: String) -> String { self.configuration.issuer + path }

    /// The current time in whole seconds.
    var nowSeconds: Int64 { Int64(self.configuration.now().timeIntervalSince1970.rounded(.down)) }

    /// 16 random bytes as lower-case hex, for `jti` and `snc`.
    static func randomIdentifier() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }
}

// SPDX-License-Identifier: Apache-2.0

/// Where ``FachdienstClient`` gets the IDP access token (the decrypted JWS, spec/ref-impl.md C.2 step 5) for each call.
public protocol AccessTokenProvider: Sendable {
    /// A currently valid access token.
    /// - Throws: `missingAccessToken` when none can be obtained.
    func accessToken() async throws(PrimarySystemError) -> String
}

/// A fixed access token, e.g. one minted by `erezept token` or `TestPKI.accessToken(for:audience:)`.
public struct StaticAccessToken: AccessTokenProvider {
    private let token: String

    /// Creates the provider.
    public init(_ token: String) { self.token = token }

    /// The token.
    public func accessToken() async throws(PrimarySystemError) -> String { self.token }
}

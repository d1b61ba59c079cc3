// SPDX-License-Identifier: Apache-2.0

/// A client the identity provider knows: its `client_id` and the one `redirect_uri` it may use (compared exactly).
public struct RegisteredClient: Hashable, Sendable {
    /// `client_id`.
    public var clientID: String
    /// The registered `redirect_uri`.
    public var redirectURI: String

    /// Creates a registration.
    public init(clientID: String, redirectURI: String) {
        self.clientID = clientID
        self.redirectURI = redirectURI
    }

    /// The primary-system test client of gematik's test IDP (ref-idp-server test suite, `gematikTestPs`).
    public static let gematikTestPs = RegisteredClient(clientID: "gematikTestPs", redirectURI: "http://test-ps.gematik.de/erezept")
    /// The E-Rezept app as registered at gematik's test IDP.
    public static let eRezeptApp = RegisteredClient(clientID: "eRezeptApp", redirectURI: "https://redirect.gematik.de/erezept")
    /// The clients registered by default: ``gematikTestPs`` and ``eRezeptApp``.
    public static let defaults: [RegisteredClient] = [.gematikTestPs, .eRezeptApp]
}

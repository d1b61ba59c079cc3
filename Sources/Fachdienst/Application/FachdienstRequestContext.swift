// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Hummingbird

/// The per-request context of the Fachdienst: the authenticated caller and the negotiated FHIR formats.
///
/// The access-token middleware fills in ``caller``; the content middleware fills in ``responseFormat`` and
/// ``requestFormat``. Route handlers can rely on both being set.
public struct FachdienstRequestContext: RequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; `nil` only before the access-token middleware ran.
    public var caller: Caller?
    /// The format of the response body (fd-api §1.3).
    public var responseFormat: FHIRFormat
    /// The format of the request body, from `Content-Type`; `nil` when the request has no body.
    public var requestFormat: FHIRFormat?

    /// Creates a context for a new request.
    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.caller = nil
        self.responseFormat = .xml
        self.requestFormat = nil
    }

    /// The authenticated caller.
    /// - Throws: an `OperationOutcomeError` with status 401 when no caller is set, which only happens when a route
    ///   is mounted without the access-token middleware.
    public func requireCaller() throws(OperationOutcomeError) -> Caller {
        guard let caller else { throw OperationOutcomeError.unauthenticated(reason: "no access token") }
        return caller
    }
}

// SPDX-License-Identifier: Apache-2.0

public import FHIR
internal import Foundation
public import Workflow

/// The Fachdienst's Task operations for the primary systems of prescribers and pharmacies (gemILF_PS_eRp; the
/// endpoints of spec/fd-api.md §2), over any ``FachdienstTransport``.
///
/// Every call sends the token of the ``AccessTokenProvider`` as `Authorization: Bearer`, asks for and sends
/// `application/fhir+json`, and turns an error answer into ``PrimarySystemError`` `operationFailed` with the status
/// and the server's OperationOutcome. AccessCode and Secret travel in the query, as the specification defines
/// (`?ac=`, `?secret=`); over ``VAUTransport`` that query is inside the encrypted request.
public struct FachdienstClient: Sendable {
    /// The media type of requests and answers.
    public static let mediaType = "application/fhir+json"

    /// How requests reach the Fachdienst.
    public let transport: any FachdienstTransport
    private let tokens: any AccessTokenProvider

    /// Creates a client.
    public init(transport: any FachdienstTransport, accessToken: any AccessTokenProvider) {
        self.transport = transport
        self.tokens = accessToken
    }

    /// `POST /Task/$create` (prescriber): a draft Task of `flowtype` with PrescriptionID and AccessCode.
    public func createTask(flowtype: Flowtype) async throws(PrimarySystemError) -> FHIR.Task {
        let parameters = FHIR.Parameters(parameter: [
            .init(name: "workflowType", value: .coding(Coding(system: Primitive(Flowtype.system), code: Primitive(flowtype.code))))
        ])
        let response = try await self.post("/Task/$create", body: parameters, expecting: 201)
        return try Self.decode(FHIR.Task.self, response)
    }

    /// `POST /Task/{id}/$activate` (prescriber): the Task becomes `ready` with the QES-signed KBV bundle.
    /// - Parameters:
    ///   - id: The PrescriptionID of the draft.
    ///   - accessCode: The AccessCode `$create` returned.
    ///   - qes: The CMS (PKCS#7) over the KBV bundle, signed with the prescriber's HBA.
    public func activate(task id: PrescriptionID, accessCode: AccessCode, qes: [UInt8]) async throws(PrimarySystemError) -> FHIR.Task {
        let binary = Binary(contentType: "application/pkcs7-mime", data: Primitive(Data(qes).base64EncodedString()))
        let parameters = FHIR.Parameters(parameter: [.init(name: "ePrescription", resource: .binary(binary))])
        let response = try await self.post(
            "/Task/\(id)/$activate",
            body: parameters,
            headers: ["X-AccessCode": accessCode.hexadecimal],
            expecting: 200
        )
        return try Self.decode(FHIR.Task.self, response)
    }

    /// `POST /Task/{id}/$accept?ac=` (pharmacy): the Task becomes `in-progress`; its Secret and the signed prescription.
    public func accept(id: PrescriptionID, accessCode: AccessCode) async throws(PrimarySystemError) -> AcceptedTask {
        let response = try await self.post("/Task/\(id)/$accept?ac=\(accessCode.hexadecimal)", body: nil, expecting: 200)
        let bundle = try Self.decode(FHIR.Bundle.self, response)
        var task: FHIR.Task?
        var qes: [UInt8]?
        for entry in bundle.entry {
            switch entry.resource {
            case .task(let found): task = found
            case .binary(let binary): qes = binary.data?.value.flatMap { Data(base64Encoded: $0) }.map { Array($0) }
            default: break
            }
        }
        guard let task, let secret = task.secret, let qes else {
            throw PrimarySystemError(.unexpectedResponse, reason: "the $accept answer lacks the Task with Secret or the signed prescription")
        }
        return AcceptedTask(task: task, secret: secret, signedPrescription: qes)
    }

    /// `POST /Task/{id}/$reject?secret=` (pharmacy): the Task is `ready` again for another pharmacy.
    public func reject(id: PrescriptionID, secret: Secret) async throws(PrimarySystemError) {
        _ = try await self.post("/Task/\(id)/$reject?secret=\(secret.hexadecimal)", body: nil, expecting: 204)
    }

    /// `POST /Task/{id}/$dispense?secret=` (pharmacy): records the dispensation without closing the Task.
    /// - Parameter parameters: The `rxDispensation` Parameters (workflow 1.4 and later).
    public func dispense(id: PrescriptionID, secret: Secret, parameters: FHIR.Parameters) async throws(PrimarySystemError) {
        _ = try await self.post("/Task/\(id)/$dispense?secret=\(secret.hexadecimal)", body: parameters, expecting: 204)
    }

    /// `POST /Task/{id}/$close?secret=` (pharmacy): completes the Task and returns the receipt Bundle signed by the
    /// Fachdienst.
    /// - Parameter parameters: The `rxDispensation` Parameters; nil to use those of an earlier `$dispense`.
    public func close(id: PrescriptionID, secret: Secret, parameters: FHIR.Parameters? = nil) async throws(PrimarySystemError) -> FHIR.Bundle {
        let response = try await self.post("/Task/\(id)/$close?secret=\(secret.hexadecimal)", body: parameters, expecting: 200)
        return try Self.decode(FHIR.Bundle.self, response)
    }

    /// `POST /Task/{id}/$abort` (prescriber with the AccessCode, pharmacy with the Secret): the Task is `cancelled`.
    public func abort(id: PrescriptionID, accessCode: AccessCode? = nil, secret: Secret? = nil) async throws(PrimarySystemError) {
        let query = secret.map { "?secret=\($0.hexadecimal)" } ?? ""
        let headers: HTTPHeaders = accessCode.map { ["X-AccessCode": $0.hexadecimal] } ?? [:]
        _ = try await self.post("/Task/\(id)/$abort\(query)", body: nil, headers: headers, expecting: 204)
    }

    /// `GET /Task/{id}`: the collection Bundle the caller may see (a pharmacy passes its Secret; an insurant's
    /// representative the AccessCode).
    public func task(id: PrescriptionID, secret: Secret? = nil, accessCode: AccessCode? = nil) async throws(PrimarySystemError) -> FHIR.Bundle {
        var query: [String] = []
        if let secret { query.append("secret=\(secret.hexadecimal)") }
        if let accessCode { query.append("ac=\(accessCode.hexadecimal)") }
        let target = "/Task/\(id)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let response = try await self.exchange(HTTPRequestMessage(method: "GET", target: target), expecting: 200)
        return try Self.decode(FHIR.Bundle.self, response)
    }

    private func post(
        _ target: String,
        body: FHIR.Parameters?,
        headers: HTTPHeaders = [:],
        expecting status: Int
    ) async throws(PrimarySystemError) -> HTTPResponseMessage {
        var request = HTTPRequestMessage(method: "POST", target: target, headers: headers)
        if let body {
            request.headers["Content-Type"] = Self.mediaType
            request.body = FHIREncoder(format: .json).encode(body)
        }
        return try await self.exchange(request, expecting: status)
    }

    private func exchange(_ request: HTTPRequestMessage, expecting status: Int) async throws(PrimarySystemError) -> HTTPResponseMessage {
        var request = request
        request.headers["Authorization"] = "Bearer \(try await self.tokens.accessToken())"
        request.headers["Accept"] = Self.mediaType
        let response = try await self.transport.send(request)
        guard response.isSuccess else {
            let outcome = try? FHIRDecoder().decode(OperationOutcome.self, from: response.body)
            let text = outcome?.issue.first.flatMap { $0.diagnostics?.value ?? $0.details?.text?.value } ?? "no OperationOutcome"
            throw PrimarySystemError(
                .operationFailed,
                reason: "\(request.method) \(request.path) answered \(response.status): \(text)",
                status: response.status,
                operationOutcome: outcome
            )
        }
        guard response.status == status else {
            throw PrimarySystemError(
                .unexpectedResponse,
                reason: "\(request.method) \(request.path) answered \(response.status), expected \(status)",
                status: response.status
            )
        }
        return response
    }

    private static func decode<R: FHIRResource>(_ type: R.Type, _ response: HTTPResponseMessage) throws(PrimarySystemError) -> R {
        do {
            return try FHIRDecoder().decode(type, from: response.body)
        } catch {
            throw PrimarySystemError(.unexpectedResponse, reason: "the answer is not a \(R.self): \(error)", status: response.status)
        }
    }
}

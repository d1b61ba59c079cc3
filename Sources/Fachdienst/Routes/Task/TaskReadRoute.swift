// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `GET /Task/{id}` (spec/fd-api.md §2.10): the insurant's read (own task, or as representative with the
/// AccessCode), the pharmacy's Secret recovery with `?ac=`, and the holder's read with `?secret=`.
public struct TaskReadRoute: FachdienstRoute {
    /// Creates the route.
    public init() {}

    /// `read` on Task.
    public var capabilities: [Capability] {
        [.resource("Task", interactions: ["read"])]
    }

    /// `GET /Task/:id`: 200 with a collection Bundle; what it holds depends on the caller (A_19113-02).
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.get, "/Task/:id") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // A_19113-02: insurants, pharmacies and payers; the role before the path id.
                let caller = try context.requireCaller().operationCaller
                let now = environment.configuration.clock.now
                switch caller.role {
                case .insurant:
                    let id = try TaskRouteSupport.prescriptionID(context)
                    // A_19116-01: a representative sends the AccessCode as X-AccessCode or ?ac=.
                    let read = try await workflow.readTask(id, accessCode: TaskRouteSupport.accessCode(request), caller: caller)
                    return context.response(Self.insurantBundle(read, environment: environment, now: now))
                case .pharmacy, .payer:
                    let id = try TaskRouteSupport.prescriptionID(context)
                    let query = request.uri.queryParameters
                    if query.get("secret") == nil, query.get("ac") != nil {
                        // A_24176 … A_24179: Secret recovery; the answer has the shape of the $accept answer.
                        let recovered = try await workflow.recoverSecret(id, accessCode: TaskRouteSupport.accessCode(request), caller: caller)
                        return context.response(TaskAcceptRoute.bundle(recovered, environment: environment, now: now))
                    }
                    // A_19226-01; without ?secret the service answers 404/410 or 403 for the missing Secret.
                    let secret = query.get("secret").flatMap { try? Secret($0) }
                    let read = try await workflow.readWithSecret(id, secret: secret, caller: caller)
                    return context.response(try Self.secretBundle(read, environment: environment, now: now))
                case .prescriber, nil:
                    throw WorkflowError(.roleNotAllowed, reason: "GET /Task/{id} is not allowed for this role")
                }
            }
        ]
    }

    /// What an insurant may see of `task`: never the Secret (A_21532-02); the AccessCode except for 169/209
    /// (A_20702-03, A_21360-01).
    static func insurantVisibility(_ task: PrescriptionTask) -> TaskResource.Visibility {
        task.flowtype.insurantMaySeeAccessCode ? .accessCode : []
    }

    /// The insurant's answer: a collection Bundle with the Task and, as second entry, the patient copy (the KBV bundle
    /// in JSON signed by the Fachdienst, DocumentType 2, A_21375-02) that `Task.input` type 2 references.
    ///
    /// In an XML answer the patient copy is the same resource written as XML, its `Bundle.signature` unchanged. That is
    /// sound because the JWS does not cover the bytes on the wire but the canonical JSON of the bundle's content
    /// (`targetFormat application/fhir+json`, ``Workflow/PatientCopy/signedContent(of:)``): a verifier reads the XML,
    /// writes the content as canonical JSON and checks the same bytes. The insurant's default format is JSON anyway
    /// (spec/fd-api.md §1.3).
    static func insurantBundle(_ read: WorkflowService.InsurantRead, environment: RouteEnvironment, now: Date) -> FHIR.Bundle {
        let task = read.task
        var entries = [
            FHIR.Bundle.Entry(
                fullUrl: Primitive(TaskRouteSupport.url(of: task.id, environment: environment)),
                resource: .task(TaskResource.task(task, showing: Self.insurantVisibility(task), patientCopy: read.patientCopy?.id))
            )
        ]
        if let patientCopy = read.patientCopy {
            // A_21375-02: the server-signed KBV bundle as included resource.
            let fullUrl = "\(environment.configuration.resourceBaseURL)/\(TaskResource.patientCopyReference(patientCopy.id))"
            entries.append(FHIR.Bundle.Entry(fullUrl: Primitive(fullUrl), resource: .bundle(patientCopy.bundle)))
        }
        return Self.collection(entries, now: now)
    }

    /// The holder's answer to `?secret=`: the Task with its Secret and, once completed, the receipt bundle
    /// (A_19226-01).
    /// - Throws: 500 when the stored receipt is not a FHIR Bundle.
    static func secretBundle(_ read: WorkflowService.SecretRead, environment: RouteEnvironment, now: Date) throws(WorkflowError) -> FHIR.Bundle {
        var entries = [
            FHIR.Bundle.Entry(
                fullUrl: Primitive(TaskRouteSupport.url(of: read.task.id, environment: environment)),
                resource: .task(TaskResource.task(read.task, showing: .secret))
            )
        ]
        if let bytes = read.receipt {
            let receipt: FHIR.Bundle
            do {
                receipt = try FHIRDecoder().decode(FHIR.Bundle.self, from: bytes)
            } catch {
                throw WorkflowError(.storageFailure, reason: "the stored receipt is not a FHIR Bundle")
            }
            let fullUrl = receipt.id?.value.map { "\(environment.configuration.resourceBaseURL)/Bundle/\($0)" }
            entries.append(FHIR.Bundle.Entry(fullUrl: fullUrl.map { Primitive($0) }, resource: .bundle(receipt)))
        }
        return Self.collection(entries, now: now)
    }

    private static func collection(_ entries: [FHIR.Bundle.Entry], now: Date) -> FHIR.Bundle {
        FHIR.Bundle(
            id: Primitive(UUID().uuidString.lowercased()),
            type: "collection",
            timestamp: Primitive(TaskResource.dateTime(now)),
            entry: entries
        )
    }
}

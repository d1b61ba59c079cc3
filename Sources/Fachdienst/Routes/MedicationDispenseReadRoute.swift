// SPDX-License-Identifier: Apache-2.0

internal import FHIR
internal import Foundation
internal import Hummingbird
internal import Workflow

/// `GET /MedicationDispense` (spec/fd-api.md §2.12, §8): the insurant's dispensed medications as a `searchset`
/// Bundle, MedicationDispenses as `match` and their Medications as `include`; no paging and `total` 0 (A_24443-01).
///
/// Not implemented: `GET /MedicationDispense/{id}`, the filters `whenhandedover`, `whenprepared` and `performer`
/// (400), and `_sort` (400); the entries come ordered by prescription, oldest first.
public struct MedicationDispenseReadRoute: FachdienstRoute {
    /// Creates the route.
    public init() {}

    /// `search-type` on MedicationDispense with `identifier`.
    public var capabilities: [Capability] {
        [
            .resource(
                "MedicationDispense",
                interactions: ["search-type"],
                searchParameters: [Capability.SearchParameter(name: "identifier", type: "token")]
            )
        ]
    }

    /// `GET /MedicationDispense`: 200 with a `searchset` Bundle; 403 for every role but the insurant.
    public func endpoints(environment: RouteEnvironment) -> [FachdienstEndpoint] {
        [
            FachdienstEndpoint(.get, "/MedicationDispense") { request, context in
                let workflow = try TaskRouteSupport.workflow(environment)
                // §2.12: insurants only, filtered by the KVNR of the token.
                let caller = try context.requireCaller().operationCaller
                guard caller.role == .insurant else {
                    throw WorkflowError(.roleNotAllowed, reason: "GET /MedicationDispense is only allowed for insurants")
                }
                let (prescriptionID, repeated) = try Self.query(request)
                let dispensations = try await workflow.medicationDispenses(of: prescriptionID, caller: caller)
                let base = environment.configuration.resourceBaseURL
                var entries: [FHIR.Bundle.Entry] = []
                var included: [FHIR.Bundle.Entry] = []
                for dispensation in dispensations {
                    let dispense = dispensation.medicationDispense
                    entries.append(
                        SearchBundle.entry(
                            fullUrl: "\(base)/MedicationDispense/\(dispense.id?.value ?? dispensation.prescriptionID.description)",
                            resource: .medicationDispense(dispense)
                        )
                    )
                    if let medication = dispensation.medication {
                        included.append(
                            FHIR.Bundle.Entry(
                                fullUrl: Primitive("\(base)/Medication/\(medication.id?.value ?? "")"),
                                resource: .medication(medication),
                                search: .init(mode: "include")
                            )
                        )
                    }
                }
                let paging = SearchBundle.Paging(
                    base: "\(base)/MedicationDispense",
                    parameters: repeated,
                    count: entries.count,
                    offset: 0,
                    hasNext: false,
                    total: nil
                )
                let bundle = SearchBundle.bundle(
                    entries: entries + included,
                    total: 0,
                    links: [FHIR.Bundle.Link(relation: "self", url: Primitive(paging.urlWithoutPage))],
                    now: environment.configuration.clock.now
                )
                return context.response(bundle)
            }
        ]
    }

    /// The `identifier` parameter: `<NamingSystem PrescriptionId>|<id>` or the bare id.
    private static func query(_ request: Request) throws(OperationOutcomeError) -> (PrescriptionID?, [(name: String, value: String)]) {
        var prescriptionID: PrescriptionID?
        var repeated: [(name: String, value: String)] = []
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "identifier":
                let parts = value.split(separator: "|", omittingEmptySubsequences: false)
                guard parts.count <= 2, parts.count == 1 || parts[0] == PrescriptionID.system,
                    let id = parts.last.flatMap({ try? PrescriptionID($0) })
                else {
                    throw TaskReadQuery.invalid("identifier must be a PrescriptionID of \(PrescriptionID.system)")
                }
                prescriptionID = id
                repeated.append(("identifier", String(value)))
            case "whenhandedover", "whenprepared", "performer", "_sort":
                throw TaskReadQuery.invalid("search parameter \(key) is not supported")
            default:
                continue
            }
        }
        return (prescriptionID, repeated)
    }
}

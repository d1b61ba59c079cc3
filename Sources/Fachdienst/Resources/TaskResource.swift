// SPDX-License-Identifier: Apache-2.0

public import FHIR
internal import Foundation
internal import TICrypto
public import Workflow

/// Renders a ``Workflow/PrescriptionTask`` as the FHIR `Task` of workflow 1.6 (`GEM_ERP_PR_Task|1.6`,
/// shared/fhir-examples/task/wf1.6_Task-*.json).
public enum TaskResource {
    /// The profile in `Task.meta.profile`.
    public static let profile = "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_PR_Task|1.6"
    /// The code system of `Task.input`/`Task.output` types.
    public static let documentTypeSystem = "https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_DocumentType"
    /// The code system of `Task.performerType`.
    public static let organizationTypeSystem = "https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_OrganizationType"

    /// Which credentials the reader may see.
    public struct Visibility: OptionSet, Sendable {
        /// The bit set.
        public let rawValue: UInt8

        /// Creates the set from its bits.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// `identifier:AccessCode`: for the prescriber (`$create`, `$activate`) and the redeeming institution
        /// (`$accept`) (spec/fd-api.md §4.3).
        public static let accessCode = Visibility(rawValue: 1 << 0)
        /// `identifier:Secret`: only for the institution holding the task (A_19169-01; never the insurant, A_21532-02).
        public static let secret = Visibility(rawValue: 1 << 1)
    }

    /// The `Task` resource of `task`.
    /// - Parameters:
    ///   - task: the stored task.
    ///   - visibility: the credentials to write out.
    ///   - patientCopy: the `Bundle.id` of the task's patient copy, for `Task.input` type 2 where the answer has it
    ///     (`$activate`, the insurant's `GET /Task/{id}`).
    public static func task(_ task: PrescriptionTask, showing visibility: Visibility = [], patientCopy: String? = nil) -> FHIR.Task {
        var identifiers = [Self.identifier(PrescriptionID.system, task.id.description)]
        if visibility.contains(.accessCode), let accessCode = task.accessCode {
            identifiers.append(Self.identifier(AccessCode.system, accessCode.hexadecimal))
        }
        if visibility.contains(.secret), let secret = task.secret {
            identifiers.append(Self.identifier(Secret.system, secret.hexadecimal))
        }
        let performer = task.flowtype.performerType
        return FHIR.Task(
            id: Primitive(task.id.description),
            meta: Meta(profile: [Primitive(Self.profile)]),
            extension: Self.extensions(task),
            identifier: identifiers,
            status: Primitive(task.status.rawValue),
            intent: "order",
            for: task.beneficiary.map { Reference(identifier: Self.identifier(KVNR.system, $0.value)) },
            authoredOn: Primitive(Self.dateTime(task.authoredOn)),
            lastModified: Primitive(Self.dateTime(task.lastModified)),
            performerType: [
                CodeableConcept(coding: [
                    Coding(
                        system: Primitive(Self.organizationTypeSystem),
                        code: Primitive("urn:oid:\(performer.dotted)"),
                        display: Primitive(Self.organizationTypeDisplay(performer))
                    )
                ])
            ],
            owner: task.owner.map { Reference(identifier: Self.identifier(TelematikID.system, $0.value)) },
            input: Self.inputs(task, patientCopy: patientCopy),
            output: Self.outputs(task)
        )
    }

    /// The logical id of the `Binary` that holds document `kind` of task `id`, as `Task.input`/`output` reference it.
    public static func binaryID(_ kind: TaskDocumentKind, of id: PrescriptionID) -> String {
        "\(id.description).\(kind.rawValue)"
    }

    private static func extensions(_ task: PrescriptionTask) -> [Extension] {
        let flowtype = Coding(
            system: Primitive(Flowtype.system),
            code: Primitive(task.flowtype.code),
            display: Primitive(task.flowtype.displayName)
        )
        var extensions = [
            Extension(url: "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_EX_PrescriptionType", value: .coding(flowtype))
        ]
        if let acceptDate = task.acceptDate {
            extensions.append(
                Extension(url: "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_EX_AcceptDate", value: .date(Self.date(acceptDate)))
            )
        }
        if let expiryDate = task.expiryDate {
            extensions.append(
                Extension(url: "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_EX_ExpiryDate", value: .date(Self.date(expiryDate)))
            )
        }
        if let dispensed = task.lastMedicationDispense {
            extensions.append(
                Extension(
                    url: "https://gematik.de/fhir/erp/StructureDefinition/GEM_ERP_EX_LastMedicationDispense",
                    value: .instant(Primitive(Self.dateTime(dispensed)))
                )
            )
        }
        return extensions
    }

    /// DocumentType 1 once the QES is stored (every state after `draft`), and DocumentType 2 when the patient copy's
    /// id is given.
    private static func inputs(_ task: PrescriptionTask, patientCopy: String?) -> [FHIR.Task.Input] {
        guard task.status != .draft, task.status != .cancelled else { return [] }
        var inputs = [
            FHIR.Task.Input(
                type: Self.documentType(.qes, display: "Health Care Provider Prescription"),
                value: .reference(Reference(reference: Primitive("Binary/\(Self.binaryID(.qes, of: task.id))")))
            )
        ]
        if let patientCopy {
            // A_19029-06: the patient copy referenced as Task.input type 2, by its Bundle.id.
            inputs.append(
                FHIR.Task.Input(
                    type: Self.documentType(.patientCopy, display: "Patient Confirmation"),
                    value: .reference(Reference(reference: Primitive(Self.patientCopyReference(patientCopy))))
                )
            )
        }
        return inputs
    }

    /// The reference of `Task.input` type 2 to the patient copy `Bundle/<id>`; the insurant's answer carries the bundle
    /// under the matching `fullUrl` `<base>/Bundle/<id>`, as the receipt is carried.
    public static func patientCopyReference(_ id: String) -> String {
        "Bundle/\(id)"
    }

    /// DocumentType 3, the receipt, once the task is completed.
    private static func outputs(_ task: PrescriptionTask) -> [FHIR.Task.Output] {
        guard task.status == .completed else { return [] }
        return [
            FHIR.Task.Output(
                type: Self.documentType(.receipt, display: "Receipt"),
                value: .reference(Reference(reference: Primitive("Binary/\(Self.binaryID(.receipt, of: task.id))")))
            )
        ]
    }

    private static func documentType(_ kind: TaskDocumentKind, display: String) -> CodeableConcept {
        CodeableConcept(coding: [Coding(system: Primitive(Self.documentTypeSystem), code: Primitive(kind.rawValue), display: Primitive(display))])
    }

    private static func identifier(_ system: String, _ value: String) -> Identifier {
        Identifier(system: Primitive(system), value: Primitive(value))
    }

    private static func organizationTypeDisplay(_ oid: OID) -> String {
        oid == TelematikOID.kostentraeger ? "Kostenträger" : "Öffentliche Apotheke"
    }

    private static func date(_ date: CalendarDate) -> Primitive<FHIRDate> {
        Primitive(DateTimeValue(lexical: date.description))
    }

    /// An instant in UTC with milliseconds, the form of the workflow examples.
    static func dateTime(_ date: Date) -> DateTimeValue? {
        var style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        style.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return DateTimeValue(lexical: date.formatted(style))
    }
}

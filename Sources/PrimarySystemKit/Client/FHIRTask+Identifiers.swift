// SPDX-License-Identifier: Apache-2.0

public import FHIR
public import Workflow

extension FHIR.Task {
    /// The PrescriptionID (`Task.id`), when it is one.
    public var prescriptionID: PrescriptionID? {
        self.id?.value.flatMap { try? PrescriptionID($0) }
    }

    /// The AccessCode identifier, when the Fachdienst shows it to the caller.
    public var accessCode: AccessCode? {
        self.identifierValue(system: AccessCode.system).flatMap { try? AccessCode($0) }
    }

    /// The Secret identifier, when the Fachdienst shows it to the caller.
    public var secret: Secret? {
        self.identifierValue(system: Secret.system).flatMap { try? Secret($0) }
    }

    private func identifierValue(system: String) -> String? {
        self.identifier.first { $0.system?.value == system }?.value?.value
    }
}

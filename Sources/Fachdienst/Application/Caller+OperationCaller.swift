// SPDX-License-Identifier: Apache-2.0

public import Workflow

extension Caller {
    /// The caller as the workflow operations see it: profession OID, `idNummer` and the name for audit entries
    /// (the organisation's name for institutions, else the person's display name, else the `idNummer`).
    public var operationCaller: OperationCaller {
        let idNumber = self.identifier.description
        let name = self.organizationName ?? self.displayName ?? idNumber
        return OperationCaller(professionOID: self.professionOID, idNumber: idNumber, displayName: name)
    }
}

// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The Task operations of the Fachdienst over a ``WorkflowStore``: each checks role, credential and state with
/// ``TaskAccess``, runs its rules, and changes the task, its documents and the insurant's audit protocol in one
/// transaction. Expensive work (the QES check) runs outside the transaction, which then re-reads the task and
/// commits only if it is unchanged (optimistic concurrency).
public struct WorkflowService: Sendable {
    /// The persistence.
    public let store: any WorkflowStore
    /// The time source.
    public let clock: any WallClock
    /// The QES check of `$activate`.
    public let prescriptionSignature: PrescriptionSignature
    /// The business rules of `$activate`.
    public let activationRules: ActivationRules
    /// The signer of `$close` receipts (C.FD.SIG); nil: `$close` answers 503 (A_22919).
    public let receiptSigner: ReceiptSigner?
    /// The signer of the patient copy of `$activate` (C.FD.SIG, A_19029-06); nil: `$activate` stores no patient copy
    /// and the insurant's `GET /Task/{id}` answers with the Task alone. `erezept serve` always configures one.
    public let patientCopySigner: PatientCopySigner?

    /// Creates the service.
    /// - Parameters:
    ///   - store: the persistence.
    ///   - clock: the time source.
    ///   - prescriptionSignature: the QES check of `$activate`.
    ///   - activationRules: the business rules of `$activate`.
    ///   - receiptSigner: the signer of `$close` receipts; without one `$close` answers 503.
    ///   - patientCopySigner: the signer of the patient copy; without one `$activate` makes no patient copy.
    public init(
        store: any WorkflowStore,
        clock: any WallClock,
        prescriptionSignature: PrescriptionSignature,
        activationRules: ActivationRules = ActivationRules(),
        receiptSigner: ReceiptSigner? = nil,
        patientCopySigner: PatientCopySigner? = nil
    ) {
        self.store = store
        self.clock = clock
        self.prescriptionSignature = prescriptionSignature
        self.activationRules = activationRules
        self.receiptSigner = receiptSigner
        self.patientCopySigner = patientCopySigner
    }

    /// Runs `body` in a store transaction; a ``WorkflowError`` passes through, a ``StoreConflict`` becomes 409.
    func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any WorkflowTransaction) throws -> Result
    ) async throws(WorkflowError) -> Result {
        do {
            return try await store.transaction(body)
        } catch let error as WorkflowError {
            throw error
        } catch let conflict as StoreConflict {
            throw WorkflowError(.taskStatusConflict, reason: "Task \(conflict.taskID) was changed concurrently")
        } catch {
            throw WorkflowError(.storageFailure, reason: "\(type(of: error))")
        }
    }

    /// Authorizes `operation` on the stored `task` (nil: no such task) for `caller`, or throws the answer.
    static func authorize(
        _ operation: TaskOperation,
        task: PrescriptionTask?,
        flowtype: Flowtype,
        caller: OperationCaller,
        credentials: TaskCredentials
    ) throws(WorkflowError) -> TaskStatus {
        try TaskAccess.authorize(operation, role: caller.role, status: task?.status, flowtype: flowtype, credentials: credentials).get()
    }
}

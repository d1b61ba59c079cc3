// SPDX-License-Identifier: Apache-2.0

extension WorkflowError.Code {
    /// The patient copy of `$activate` could not be signed with C.FD.SIG (A_19029-06); 500, nothing is stored.
    public static let patientCopySigningFailed = Self("patientCopySigningFailed", 500, .exception)
}

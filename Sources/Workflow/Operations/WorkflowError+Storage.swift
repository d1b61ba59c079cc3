// SPDX-License-Identifier: Apache-2.0

extension WorkflowError.Code {
    /// The store failed for a reason other than a concurrent change (disk, corruption, a wrong key file); 500.
    public static let storageFailure = Self("storageFailure", 500, .exception)
}

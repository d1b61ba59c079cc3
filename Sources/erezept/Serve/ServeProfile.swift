// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// What `erezept serve` runs as.
enum ServeProfile: String, ExpressibleByArgument, CaseIterable {
    /// Development: a generated test PKI, the in-process IDP, the FHIR endpoints in plain HTTP and through the VAU.
    case local
    /// Operation: key material from files, the FHIR endpoints only through the VAU (spec/fd-api.md §1.1).
    case production
}

// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// `erezept fhir`: work with FHIR R4 documents in JSON and XML.
struct FHIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "Check and convert FHIR R4 documents (JSON and XML).",
        subcommands: [FHIRConvertCommand.self, FHIRCheckCommand.self]
    )
}

// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// The `erezept` command line.
///
/// A thin root: each area of the platform adds one subcommand (group) here and keeps its logic in the modules.
@main
struct Erezept: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erezept",
        abstract: "Tools of the E-Rezept platform.",
        subcommands: [FHIRCommand.self, PKICommand.self, CMSCommand.self]
    )
}

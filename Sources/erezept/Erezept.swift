// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// The `erezept` command line.
///
/// A thin root: each area of the platform adds one subcommand (group) here and keeps its logic in the modules.
@main
struct Erezept: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erezept",
        abstract: "Tools of the E-Rezept platform.",
        subcommands: [ServeCommand.self, FHIRCommand.self, PKICommand.self, CMSCommand.self, TokenCommand.self, LoginCommand.self]
    )
}

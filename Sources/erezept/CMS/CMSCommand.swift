// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// `erezept cms`: sign and verify enveloping CAdES-BES signatures, as prescriptions and receipts are signed.
struct CMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cms",
        abstract: "Sign and verify CMS/CAdES signatures (prescriptions, receipts).",
        subcommands: [CMSSignCommand.self, CMSVerifyCommand.self]
    )
}

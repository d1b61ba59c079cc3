// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import FHIR

/// `erezept fhir check`: decodes each file strictly and reports the first error of each.
struct FHIRCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that FHIR documents decode strictly.",
        discussion: """
            Prints 'OK  FILE  (ResourceType, format)' or 'FAIL FILE  path: message' for each file, then a summary. \
            Exits with code 1 if any file fails.
            """
    )

    @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
    var quiet = false

    @OptionGroup var decoding: DecoderOptions

    @Argument(help: ArgumentHelp("The FHIR documents (JSON or XML); - reads standard input.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = 0
        for path in files {
            let input = InputFile(path: path)
            switch Self.check(input, decoder: decoding.decoder) {
            case .passed(let resourceType, let format):
                if !quiet {
                    print("OK  \(input.displayName)  (\(resourceType), \(format.rawValue))")
                }
            case .failed(let reason):
                failed += 1
                print("FAIL \(input.displayName)  \(reason)")
            }
        }
        print("\(files.count) files, \(files.count - failed) passed, \(failed) failed")
        if failed > 0 {
            throw ExitCode.failure
        }
    }

    /// The result of checking one document.
    enum Outcome {
        case passed(resourceType: String, format: FHIRFormat)
        case failed(reason: String)
    }

    /// Reads and decodes one document.
    static func check(_ input: InputFile, decoder: FHIRDecoder) -> Outcome {
        do {
            let bytes = try input.read()
            guard let format = FHIRFormat.detect(bytes) else {
                // Let the decoder name the problem (byte order mark, or neither JSON nor XML).
                _ = try decoder.decode(bytes)
                return .failed(reason: "the document is neither JSON nor XML")
            }
            let resource = try decoder.decode(bytes, format: format)
            return .passed(resourceType: resource.resourceType, format: format)
        } catch {
            return .failed(reason: "\(error)")
        }
    }
}

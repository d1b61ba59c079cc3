// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import FHIR
import Foundation

/// `erezept fhir convert`: decodes a document strictly and writes it as JSON or XML.
struct FHIRConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a FHIR resource between JSON and XML.",
        discussion: """
            Reads FILE (standard input for -), detects its format and decodes it strictly. Writes the other format \
            unless --to names one; converting to the same format normalises the document. A document that does not \
            decode is reported as 'FILE: path: message' on standard error, with exit code 1.
            """
    )

    /// The wire format names accepted by `--to`.
    enum WireFormat: String, ExpressibleByArgument, CaseIterable {
        case json
        case xml

        var fhirFormat: FHIRFormat {
            switch self {
            case .json: .json
            case .xml: .xml
            }
        }
    }

    @Option(help: ArgumentHelp("The output format (default: the other one).", valueName: "format"))
    var to: WireFormat?

    @Flag(help: "Write without indentation.")
    var compact = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var decoding: DecoderOptions

    @Argument(help: ArgumentHelp("The FHIR document, or - for standard input.", valueName: "file"))
    var file: String

    func run() throws {
        let input = InputFile(path: file)
        let bytes: [UInt8]
        let resource: Resource
        do {
            bytes = try input.read()
        } catch {
            StandardStreams.writeError("\(input.displayName): \(error)")
            throw ExitCode.failure
        }
        let sourceFormat = FHIRFormat.detect(bytes)
        do {
            resource = try decoding.decoder.decode(bytes, format: sourceFormat)
        } catch {
            StandardStreams.writeError("\(input.displayName): \(error)")
            throw ExitCode.failure
        }

        let targetFormat = to?.fhirFormat ?? (sourceFormat == .json ? .xml : .json)
        var output = FHIREncoder(format: targetFormat, prettyPrinted: !compact).encode(resource)
        if output.last != UInt8(ascii: "\n") {
            output.append(UInt8(ascii: "\n"))
        }

        guard let out else {
            StandardStreams.writeOutput(output)
            return
        }
        do {
            try Data(output).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            StandardStreams.writeError("\(out): cannot write: \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}

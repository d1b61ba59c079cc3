// SPDX-License-Identifier: Apache-2.0

import Benchmark
import FHIR
import Foundation

/// Decoding and encoding a KBV prescription bundle (about 20 KB of pretty-printed XML) in both wire formats.
///
/// The fixture is `Fixtures/kbv-prescription-bundle.xml` (gematik ref-eRp-FD-Server `server/examples/kbv_bundle.xml`);
/// its JSON twin is made at start-up with the project's own encoder, pretty-printed like the XML. Each benchmark
/// reports the time per operation; MB/s follows from the document sizes printed in the benchmark names.
let benchmarks: @Sendable () -> Void = {
    let fixture = Fixture.load()

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        timeUnits: .microseconds,
        warmupIterations: 50,
        maxDuration: .seconds(5),
        maxIterations: 20_000
    )

    Benchmark("decode JSON (\(fixture.json.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.decode(fixture.json, .json))
        }
    }

    Benchmark("decode XML (\(fixture.xml.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.decode(fixture.xml, .xml))
        }
    }

    Benchmark("encode JSON (\(fixture.json.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.jsonEncoder.encode(fixture.resource))
        }
    }

    Benchmark("encode XML (\(fixture.xmlOutputCount) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.xmlEncoder.encode(fixture.resource))
        }
    }
}

/// The documents and the decoded bundle shared by the benchmarks.
struct Fixture: Sendable {
    let xml: [UInt8]
    let json: [UInt8]
    let resource: Resource
    let jsonEncoder = FHIREncoder(format: .json, prettyPrinted: true)
    let xmlEncoder = FHIREncoder(format: .xml, prettyPrinted: true)
    /// The size of the XML the encoder writes (its indentation differs from the fixture's).
    let xmlOutputCount: Int

    /// Reads the fixture beside this package and makes the JSON twin; stops the run if either does not decode.
    static func load() -> Fixture {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/kbv-prescription-bundle.xml")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fatalError("cannot read the fixture \(url.path)")
        }
        let xml = [UInt8](data)
        do {
            let resource = try FHIRDecoder().decode(xml, format: .xml)
            let json = FHIREncoder(format: .json, prettyPrinted: true).encode(resource)
            guard try FHIRDecoder().decode(json, format: .json) == resource else {
                fatalError("the JSON twin of the fixture decodes to a different bundle")
            }
            let xmlOutput = FHIREncoder(format: .xml, prettyPrinted: true).encode(resource)
            return Fixture(xml: xml, json: json, resource: resource, xmlOutputCount: xmlOutput.count)
        } catch {
            fatalError("the fixture does not decode: \(error)")
        }
    }

    /// Decodes, stopping the run on an error (which would make the timings meaningless).
    func decode(_ bytes: [UInt8], _ format: FHIRFormat) -> Resource {
        do {
            return try FHIRDecoder().decode(bytes, format: format)
        } catch {
            fatalError("decoding failed: \(error)")
        }
    }
}

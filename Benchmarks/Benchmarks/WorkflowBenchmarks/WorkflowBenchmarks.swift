// SPDX-License-Identifier: Apache-2.0

import Benchmark
import FHIR
import Foundation
import RouterBenchmarkSupport
import Workflow

/// Full prescription lifecycles ($create, $activate, $accept, $dispense, $close) against the in-process router over
/// a file-backed SQLite store, the single operations, and the cryptographic floor of a lifecycle.
///
/// The QES is made by the practice's connector, not by the server: it is signed before the measured region, for the
/// PrescriptionID the next `$create` will hand out (the IDs come from a database sequence). The two access tokens are
/// minted once and stay valid because the server's clock is fixed; the server verifies each of them once and then
/// answers from its token cache, as it does for a client that reuses its token.
let benchmarks: @Sendable () -> Void = {
    let world = LifecycleWorld.shared

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, Measured.processCPU, .throughput, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )

    Benchmark("lifecycle (5 requests)") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            measured.start()
            try await world.lifecycle(client, prepared)
            measured.stop()
        }
    }

    // 10,000 lifecycles in one process, to compare the peak resident memory with the 1,000 of the benchmark above.
    // Takes minutes, so it runs only with WORKFLOW_BENCHMARK_10K=1 in the environment.
    if ProcessInfo.processInfo.environment["WORKFLOW_BENCHMARK_10K"] == "1" {
        Benchmark(
            "lifecycle (5 requests) x10000",
            configuration: .init(
                metrics: [.wallClock, Measured.processCPU, .mallocCountTotal, .peakMemoryResident],
                timeUnits: .microseconds,
                warmupIterations: 0,
                maxDuration: .seconds(1_800),
                maxIterations: 10_000
            )
        ) { benchmark in
            let measured = Measured(benchmark)
            try await world.withClient { client in
                let prepared = try await world.prepare(client)
                measured.start()
                try await world.lifecycle(client, prepared)
                measured.stop()
            }
        }
    }

    Benchmark("$create") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            measured.start()
            let task = try await world.create(client, prepared)
            measured.stop()
            blackHole(task)
        }
    }

    Benchmark("$activate") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            let task = try await world.create(client, prepared)
            measured.start()
            try await world.activate(client, task, prepared)
            measured.stop()
        }
    }

    Benchmark("$accept") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            let task = try await world.create(client, prepared)
            try await world.activate(client, task, prepared)
            measured.start()
            let secret = try await world.accept(client, task)
            measured.stop()
            blackHole(secret)
        }
    }

    Benchmark("$dispense") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            let task = try await world.create(client, prepared)
            try await world.activate(client, task, prepared)
            let secret = try await world.accept(client, task)
            measured.start()
            try await world.dispense(client, task, prepared, secret: secret)
            measured.stop()
        }
    }

    Benchmark("$close") { benchmark in
        let measured = Measured(benchmark)
        try await world.withClient { client in
            let prepared = try await world.prepare(client)
            let task = try await world.create(client, prepared)
            try await world.activate(client, task, prepared)
            let secret = try await world.accept(client, task)
            try await world.dispense(client, task, prepared, secret: secret)
            measured.start()
            try await world.close(client, task, secret: secret)
            measured.stop()
        }
    }

    // The cryptographic floor of one lifecycle, measured in the same run.
    Benchmark("crypto: QES verify (PrescriptionSignature.verify)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try await world.prescriptionSignature.verify(world.sampleQES, now: world.now))
        measured.stop()
    }

    Benchmark("crypto: receipt sign (ReceiptSigner.sign of a $close receipt)") { benchmark in
        let receipt = try await world.sampleReceipt()
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try await world.receiptSigner.sign(receipt, now: world.now))
        measured.stop()
    }

    Benchmark("crypto: patient-copy signature (PatientCopySigner.sign of the canonical bundle)") { benchmark in
        let content = try world.samplePatientCopyContent()
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try world.patientCopySigner.sign(content))
        measured.stop()
    }

    Benchmark("crypto: QES sign by the client (outside the lifecycle's measured region)") { benchmark in
        let measured = Measured(benchmark)
        measured.start()
        blackHole(try world.prepare(id: LifecycleWorld.examplePrescriptionID))
        measured.stop()
    }
}

/// A benchmark handed into the `@Sendable` test closure, which runs on the benchmark's own task, that also records
/// the process's CPU time between `start()` and `stop()` (all threads: the router's tasks, the database queue).
///
/// The harness's own `cpuTotal` metric reads the kernel's 10 ms ticks, too coarse for a millisecond operation;
/// `CLOCK_PROCESS_CPUTIME_ID` counts nanoseconds.
final class Measured: @unchecked Sendable {
    /// CPU time of the whole process per sample, in microseconds.
    static let processCPU = BenchmarkMetric.custom("CPU µs (process)", polarity: .prefersSmaller, useScalingFactor: false)

    let benchmark: Benchmark
    private var startedAt: Int = 0

    init(_ benchmark: Benchmark) { self.benchmark = benchmark }

    func start() {
        self.startedAt = CPUClock.processNanoseconds()
        self.benchmark.startMeasurement()
    }

    func stop() {
        self.benchmark.stopMeasurement()
        self.benchmark.measurement(Self.processCPU, (CPUClock.processNanoseconds() - self.startedAt) / 1_000)
    }
}

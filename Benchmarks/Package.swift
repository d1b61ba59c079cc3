// swift-tools-version: 6.1
// SPDX-License-Identifier: Apache-2.0
//
// Performance benchmarks of the FHIR codecs, kept apart from the main package so that building and testing the
// project never resolves the benchmark dependencies. Run from this folder:
//
//     swift package --allow-writing-to-package-directory benchmark
//
// See docs/benchmarks.md for the results and how they were taken.
import PackageDescription

/// SwiftPM names a path dependency after its folder, so the project's package is known by the name of the folder the
/// repository is checked out in (`main` here), not by its manifest name.
let projectPackage = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "main").lowercased()

let package = Package(
    name: "FHIRBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // The MallocInterposer trait alone: the default traits add the Linux runtime interposer, which is not needed here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // NIOEmbedded only, for the channel of the request context when the router is driven without a server.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // SHA-256, HKDF and AES-GCM for the client's PKCE and the VAU layer's cryptographic floor.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "FHIRCodecBenchmarks",
            dependencies: [
                .product(name: "FHIR", package: projectPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/FHIRCodecBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "TICryptoBenchmarks",
            dependencies: [
                .product(name: "TICrypto", package: projectPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TICryptoBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .target(
            name: "RouterBenchmarkSupport",
            dependencies: [
                .product(name: "Fachdienst", package: projectPackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Benchmarks/RouterBenchmarkSupport",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "WorkflowBenchmarks",
            dependencies: [
                .product(name: "Fachdienst", package: projectPackage),
                .product(name: "Storage", package: projectPackage),
                .product(name: "Workflow", package: projectPackage),
                .product(name: "TICrypto", package: projectPackage),
                .product(name: "FHIR", package: projectPackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Benchmark", package: "benchmark"),
                "RouterBenchmarkSupport",
            ],
            path: "Benchmarks/WorkflowBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "VAUIDPBenchmarks",
            dependencies: [
                .product(name: "Fachdienst", package: projectPackage),
                .product(name: "IdentityProvider", package: projectPackage),
                .product(name: "PrimarySystemKit", package: projectPackage),
                .product(name: "Storage", package: projectPackage),
                .product(name: "Workflow", package: projectPackage),
                .product(name: "TICrypto", package: projectPackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Benchmark", package: "benchmark"),
                "RouterBenchmarkSupport",
            ],
            path: "Benchmarks/VAUIDPBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
    ]
)

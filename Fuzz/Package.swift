// swift-tools-version:6.0
import PackageDescription

// libFuzzer harness for OnTime's readers, kept out of the main package so that plain
// `swift build` / `swift test` at the root never see it. Build and run with ./run.sh
// (release, -sanitize=fuzzer,address for every module, OnTimeCore included).
let package = Package(
    name: "OnTimeFuzz",
    dependencies: [.package(name: "OnTime", path: "..")],
    targets: [
        // main() for SwiftPM's renamed entry point: calls LLVMFuzzerRunDriver.
        .target(name: "FuzzDriver"),
        // One executable, one LLVMFuzzerTestOneInput; the reader is chosen with
        // ONTIME_FUZZ_TARGET (see Sources/ontime-fuzz/Harness.swift).
        .executableTarget(
            name: "ontime-fuzz",
            dependencies: ["FuzzDriver", .product(name: "OnTimeCore", package: "OnTime")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)

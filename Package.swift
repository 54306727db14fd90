// swift-tools-version:6.0
import PackageDescription

// Release builds (`swift build -c release`) compile each module whole (-wmo is
// SwiftPM's default for release); the hot routing code lives in one module so
// the optimiser sees all of it at once.
let package = Package(
    name: "OnTime",
    products: [
        .executable(name: "ontime", targets: ["ontime"]),
        .library(name: "OnTimeCore", targets: ["OnTimeCore"]),
    ],
    targets: [
        // GLPK from Debian's libglpk-dev: header shim + `link "glpk"`, no pkg-config.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // Problem model, readers/writers, verifier, routing search, exact (GLPK) layer.
        .target(
            name: "OnTimeCore",
            dependencies: ["CGLPK"]
        ),
        // Command-line commands as a library, so tests call them directly.
        .target(name: "OnTimeCLI", dependencies: ["OnTimeCore"]),
        // The executable: a three-line shell over OnTimeCLI.
        .executableTarget(name: "ontime", dependencies: ["OnTimeCLI"]),
        .testTarget(name: "OnTimeCoreTests", dependencies: ["OnTimeCore"], exclude: ["Fixtures"]),
        .testTarget(name: "OnTimeCLITests", dependencies: ["OnTimeCLI", "OnTimeCore"]),
    ]
)

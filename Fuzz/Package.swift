// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for Taawun, kept out of the main package so `swift test` never builds them.
// Sources/<Module> are symbolic links to the main package's modules: the fuzzers run exactly the
// code the site generator runs. Built and run by `make fuzz` with -sanitize=fuzzer,address.
let package = Package(
    name: "TaawunFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGumbo", pkgConfig: "gumbo", providers: [.apt(["libgumbo-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "Support"),
        .target(name: "ArabicText"),
        .target(name: "ContentLoading", dependencies: ["Diagnostics", "Support", "ArabicText", "Yams"]),
        .target(name: "Gazetteer", dependencies: ["ArabicText", "ContentLoading"]),
        .target(name: "Importer", dependencies: ["ArabicText", "ContentLoading", "Gazetteer", "Diagnostics", "Yams", "CGumbo"]),

        .target(name: "FuzzDriver", path: "Targets/FuzzDriver"),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzDriver", "ContentLoading", "Diagnostics"],
                          path: "Targets/FuzzFrontMatter"),
        .executableTarget(name: "FuzzImporter", dependencies: ["FuzzDriver", "Importer", "ContentLoading", "Diagnostics"],
                          path: "Targets/FuzzImporter"),
    ]
)

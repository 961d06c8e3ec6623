// swift-tools-version:6.0
import PackageDescription

// One target per stage; data flows content/ → model → pages → public/.
let package = Package(
    name: "Taawun",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "taawun", targets: ["taawun"]),
        .executable(name: "taawun-serve", targets: ["taawun-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // cmark, the reference CommonMark implementation, from Debian's libcmark-dev.
        .systemLibrary(name: "CMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // gumbo, an HTML5-conformant parser, from Debian's libgumbo-dev: how the importer reads saved web pages.
        .systemLibrary(name: "CGumbo", pkgConfig: "gumbo", providers: [.apt(["libgumbo-dev"])]),

        .target(name: "Diagnostics"),
        // The low-level helpers every stage shares: the fast, stable hash that decides what a rebuild
        // redoes, directory listing, the cache files' byte coding, concurrency. Foundation only.
        .target(name: "Support"),
        .target(name: "ArabicText"),
        .target(name: "ContentLoading", dependencies: ["Diagnostics", "Support", "ArabicText", "Yams"]),
        .target(name: "Markdown", dependencies: ["CMark"]),
        // Countries by ISO code and by their Arabic names: what front matter and the importer both read.
        .target(name: "Gazetteer", dependencies: ["ArabicText", "ContentLoading"]),
        .target(name: "SiteModel", dependencies: ["Diagnostics", "Support", "ArabicText", "ContentLoading", "Gazetteer", "Markdown"]),
        .target(name: "Templates", dependencies: ["Diagnostics", "Support", "ArabicText", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "Output", dependencies: ["Diagnostics", "Support"]),
        // The search index the site ships (search/): articles' words under Taawun's own folding, sharded.
        .target(name: "SearchIndex", dependencies: ["ArabicText", "ContentLoading", "Gazetteer", "SiteModel", "Support"]),
        // The cooperation network: who is named with whom, laid out at build time and drawn as SVG.
        .target(name: "Network", dependencies: ["SiteModel", "ArabicText", "Support"]),
        .target(name: "Pages", dependencies: ["SiteModel", "ContentLoading", "Templates", "Output", "ArabicText", "Diagnostics", "Support", "SearchIndex", "Network"]),
        // What builds keep between them: the options that name the build state folder, the cache a
        // long-running process holds, and the caches a build leaves in that folder for the next.
        .target(name: "BuildState", dependencies: ["ContentLoading", "SiteModel", "Templates", "Pages", "Output", "Diagnostics", "Support", "Network"]),
        // What editors run besides the build: `taawun new` and `taawun check` (whose content checks the build shares).
        .target(name: "Authoring", dependencies: ["ArabicText", "Support", "ContentLoading", "SiteModel", "Markdown", "Templates", "Pages", "Output", "Diagnostics"]),
        // The build: content → model → pages → output, updating what the last build made when it can.
        .target(name: "Pipeline", dependencies: ["Support", "ContentLoading", "SiteModel", "Templates", "Pages", "Output", "BuildState", "Authoring", "Diagnostics"]),
        .target(name: "Importer", dependencies: ["ArabicText", "ContentLoading", "Gazetteer", "Diagnostics", "Yams", "CGumbo"]),
        .target(name: "PreviewServer", dependencies: ["Pipeline", "BuildState", "ContentLoading", "Diagnostics", "Support", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]),
        // `taawun deploy`: the built site onto a web host, only what changed, in an order that never
        // shows a broken link, through rsync or rclone (Debian's; installed by make deploy-deps).
        .target(name: "Deploy", dependencies: ["Output", "BuildState", "ContentLoading", "Diagnostics", "Support"]),
        // What the commands print: diagnostics as compilers print them, progress, summaries; their shared options.
        .target(name: "Terminal", dependencies: ["Pipeline", "Diagnostics", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "taawun", dependencies: [
            "Pipeline", "BuildState", "Authoring", "Importer", "Diagnostics", "ContentLoading", "Terminal", "Deploy",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `taawun serve` runs this executable: the preview server's HTTP library loads libcurl and
        // some thirty libraries at start, which every other command is spared.
        .executableTarget(name: "taawun-serve", dependencies: [
            "Pipeline", "PreviewServer", "Diagnostics", "Terminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Stage micro-benchmarks for `make bench` (bench/Sources/taawun-bench); not used by the tests.
        .executableTarget(name: "taawun-bench", dependencies: [
            "Pipeline", "BuildState", "ContentLoading", "Diagnostics", "Markdown", "Output", "Pages", "SiteModel", "Templates", "SearchIndex",
        ], path: "bench/Sources/taawun-bench"),

        // `make eval-import`: the importer scored against the hand-annotated page texts in
        // Tests/ImporterTests/Fixtures/eval; not used by the tests.
        .executableTarget(name: "taawun-eval-import", dependencies: ["ImportEvaluation", "Importer", "ContentLoading", "ArabicText", "Yams"],
                          path: "tools/eval-import/taawun-eval-import"),
        // Saved web pages scored against their gold files: printed by `make eval-import`, held to a floor by the tests.
        .target(name: "ImportEvaluation", dependencies: ["Importer"], path: "tools/eval-import/ImportEvaluation"),

        // What the tests share: the repository's paths, throw-away sites, reading HTML back.
        // A plain target, so every test target can depend on it; kept light (no Pipeline).
        .target(name: "TaawunTesting", dependencies: ["ContentLoading"], path: "Tests/TaawunTesting"),

        // Tests sit beside the stage they test.
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "ContentLoadingTests", dependencies: ["ContentLoading", "Support", "Diagnostics", "TaawunTesting"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "TaawunTesting"]),
        .testTarget(name: "SiteModelTests", dependencies: ["SiteModel", "Gazetteer", "ContentLoading", "Diagnostics", "TaawunTesting"]),
        .testTarget(name: "OutputTests", dependencies: ["Output"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "Diagnostics", "TaawunTesting"]),
        .testTarget(name: "SearchIndexTests", dependencies: ["SearchIndex", "Pipeline", "BuildState", "Pages", "Output", "SiteModel", "ContentLoading", "ArabicText", "TaawunTesting"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "SiteModel", "ContentLoading", "Templates", "TaawunTesting"]),
        .testTarget(name: "ImporterTests", dependencies: ["Importer", "ImportEvaluation", "ContentLoading", "Gazetteer", "ArabicText", "Diagnostics", "TaawunTesting",
                                                    "Pipeline", "BuildState", "SiteModel"], // (import, then build: ImportThenBuildTests)
                    exclude: ["Fixtures"]),
        .testTarget(name: "BuildTests", dependencies: ["Pipeline", "BuildState", "Authoring", "ContentLoading", "SiteModel", "Pages", "Diagnostics", "Markdown", "TaawunTesting"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer", "Pipeline", "BuildState", "ContentLoading", "TaawunTesting"]),
        .testTarget(name: "EditorWorkflowTests", dependencies: ["Authoring", "ContentLoading", "SiteModel", "Markdown", "TaawunTesting"]),
        .testTarget(name: "NetworkTests", dependencies: ["Network", "Pages", "Pipeline", "BuildState", "SiteModel", "ContentLoading", "Templates", "TaawunTesting"]),
        .testTarget(name: "DeployTests", dependencies: ["Deploy", "Pipeline", "BuildState", "ContentLoading", "Output", "TaawunTesting"],
                    exclude: ["ftp_server.py"]),
        .testTarget(name: "HostileInputTests", dependencies: ["Pipeline", "BuildState", "ContentLoading", "SiteModel", "Output", "Diagnostics", "Markdown", "TaawunTesting"]),
    ]
)

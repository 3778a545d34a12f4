// swift-tools-version: 6.0
// callgear-setup: a terminal console that connects a Bitrix24 portal to CallGear.
import PackageDescription

let package = Package(
    name: "callgear-setup",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "callgear-setup", targets: ["callgear-setup"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // System-library shims: nothing but a module map and a header each.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // Both languages of every word a person reads, and which one is in force.
        .target(name: "Localization"),
        .target(name: "SetupModel", dependencies: ["Localization"]),
        // Outside text made safe to show, and its width in columns: for screens and stdout alike.
        .target(name: "TextSafety"),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "TextSafety", "Localization"]),
        // The support log: swift-log to a file; loggers are silent until the executable bootstraps.
        .target(name: "AppLog", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // The HTTP transport the Bitrix24 and CallGear clients share: libcurl, TLS rules, timeouts.
        .target(name: "Transport", dependencies: ["SetupModel", "CCurl"]),
        .target(name: "Bitrix24", dependencies: ["SetupModel", "Transport", "AppLog"]),
        .target(name: "Routing", dependencies: ["SetupModel"]),
        .target(name: "CallGearAPI", dependencies: ["Bitrix24", "Transport", "SetupModel", "AppLog"]),
        .target(name: "PortalRouting", dependencies: ["Routing", "Bitrix24", "SetupModel"]),
        // Replay: the account's real traffic through the routing engine, offline or with live look-ups.
        .target(name: "Replay", dependencies: ["CallGearAPI", "Routing", "PortalRouting", "Bitrix24", "SetupModel"]),
        // The glue between the store and the portals, for the console and the headless commands alike.
        .target(
            name: "AccountAccess",
            dependencies: ["SetupModel", "Transport", "Bitrix24", "ProfileStore", "PortalRouting", "CallGearAPI", "AppLog"]),
        .target(
            name: "SetupApp",
            dependencies: [
                "SetupModel", "TerminalUI", "Transport", "Bitrix24", "ProfileStore", "Routing", "PortalRouting", "CallGearAPI",
                "AccountAccess", "AppLog", "Replay",
            ]),
        .target(name: "Sandbox", dependencies: ["SetupModel", .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(
            name: "ProfileStore",
            dependencies: ["SetupModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "callgear-setup",
            dependencies: [
                "SetupModel", "ProfileStore", "TextSafety", "TerminalUI", "Transport", "Bitrix24", "Sandbox", "Routing",
                "PortalRouting",
                "SetupApp", "AccountAccess", "CallGearAPI", "AppLog", "Replay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "SetupModelTests", dependencies: ["SetupModel"]),
        .testTarget(
            name: "SetupAppTests",
            dependencies: [
                "SetupApp", "SetupModel", "TerminalUI", "ProfileStore", "Sandbox", "Bitrix24", "CallGearAPI", "TestSupport",
                "Transport", "AccountAccess",
            ],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "ReplayTests",
            dependencies: ["Replay", "CallGearAPI", "Routing", "PortalRouting", "Sandbox", "SetupModel", "Bitrix24", "Transport"]),
        .testTarget(name: "CallGearAPITests", dependencies: ["CallGearAPI", "Sandbox", "SetupModel", "Bitrix24", "Transport"]),
        .testTarget(
            name: "RoutingTests", dependencies: ["Routing", "PortalRouting", "Bitrix24", "Sandbox", "SetupModel", "Transport"]),
        .testTarget(name: "Bitrix24Tests", dependencies: ["Bitrix24", "Sandbox", "SetupModel", "Transport"]),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "CNcursesw", "TUISampler", "TestSupport"],
            exclude: ["Snapshots"]),
        // Fixtures/: stores and documents written by earlier releases, never deleted.
        .testTarget(
            name: "ProfileStoreTests", dependencies: ["ProfileStore", "SetupModel", "StoreWriter"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["callgear-setup", "SetupModel", "TestSupport"]),
        // tmux sessions and posix_spawn for the end-to-end tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A separate process that saves in a loop, so a test can SIGKILL it mid-transaction.
        // Benchmarks: `make bench`; figures go in the README.
        .executableTarget(
            name: "CatalogBench", dependencies: ["Bitrix24", "SetupModel", "Transport", "TerminalUI", "BenchSupport"],
            path: "Benchmarks/CatalogBench"),
        .executableTarget(
            name: "ReplayBench",
            dependencies: ["Replay", "CallGearAPI", "Bitrix24", "Routing", "Sandbox", "SetupModel", "Transport", "BenchSupport"],
            path: "Benchmarks/ReplayBench"),
        .target(name: "BenchSupport", dependencies: ["Transport"], path: "Benchmarks/BenchSupport"),
        .executableTarget(name: "TUIBench", dependencies: ["TerminalUI"], path: "Benchmarks/TUIBench"),
        .executableTarget(name: "StoreBench", dependencies: ["ProfileStore", "SetupModel"], path: "Benchmarks/StoreBench"),
        .executableTarget(name: "TUISampler", dependencies: ["TerminalUI"], path: "Tests/TUISampler"),
        .executableTarget(name: "StoreWriter", dependencies: ["ProfileStore", "SetupModel"], path: "Tests/StoreWriter"),
    ]
)

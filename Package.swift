// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "lovnad",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lovnad", targets: ["lovnad"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
    ],
    targets: [
        // Pure rules: no Vapor, no Fluent (Crypto only for the log's SHA-256 chain).
        .target(name: "LovnadCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "LovnadApp",
            dependencies: [
                "LovnadCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(name: "lovnad", dependencies: ["LovnadApp"]),
        .testTarget(name: "LovnadCoreTests", dependencies: ["LovnadCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LovnadAppTests",
            dependencies: [
                "LovnadApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)

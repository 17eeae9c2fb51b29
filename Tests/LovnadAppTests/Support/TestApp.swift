import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Runs `body` against a freshly migrated app: in-memory SQLite by default; with
/// `LOVNAD_TEST_SQLITE_FILE=1` a SQLite file of its own in WAL mode, as production runs; or a schema of
/// its own on the PostgreSQL database named by `LOVNAD_TEST_DATABASE_URL`.
func withLovnad(settings adjust: (inout Settings) -> Void = { _ in }, _ body: (Application) async throws -> Void) async throws {
    let onPostgres = !(ProcessInfo.processInfo.environment["LOVNAD_TEST_DATABASE_URL"] ?? "").isEmpty
    // Each app holds a pool of connections; unbounded parallel tests would exhaust PostgreSQL's slots.
    if onPostgres { await postgresApps.enter() }
    defer { if onPostgres { Task { await postgresApps.leave() } } }
    let app = try await Application.make(.testing)
    var settings = Settings()
    settings.sessionSecret = "test-secret-that-is-long-enough-for-hmac-0123456789"
    settings.passwordHashCost = 4
    settings.runJobs = false
    settings.trustProxy = true
    settings.baseURL = "http://127.0.0.1:8080"
    settings.liveCheckSeconds = 0.2
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    var file: String?
    if let url = ProcessInfo.processInfo.environment["LOVNAD_TEST_DATABASE_URL"], !url.isEmpty {
        settings.database = .postgres(url: url, searchPath: String(schema))
    } else if ProcessInfo.processInfo.environment["LOVNAD_TEST_SQLITE_FILE"] == "1" {
        file = NSTemporaryDirectory() + "lovnad-test-file-\(UUID().uuidString).sqlite"
        settings.database = .sqliteFile(path: file!)
    } else {
        settings.database = .sqliteMemory
    }
    defer {
        if let file { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
    }
    adjust(&settings)
    do {
        try await configure(app, settings: settings)
        app.logger.logLevel = .warning
        if case .postgres = settings.database, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run()
        }
        try await app.asyncBoot()
        try await body(app)
    } catch {
        try? await dropSchema(app, settings, schema: String(schema))
        try await app.asyncShutdown()
        throw error
    }
    try await dropSchema(app, settings, schema: String(schema))
    try await app.asyncShutdown()
}

/// At most this many test apps talk to PostgreSQL at once.
private let postgresApps = AsyncGate(slots: 12)

actor AsyncGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func enter() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

private func dropSchema(_ app: Application, _ settings: Settings, schema: String) async throws {
    if case .postgres = settings.database, let sql = app.db as? any SQLDatabase {
        try await sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run()
    }
}

/// Test fixtures made through the real actions.
enum Fixture {
    static let password = "correct horse battery"

    @discardableResult
    static func person(_ app: Application, _ name: String, roles: [Role] = [.consultant], department: String? = "Utvikling") async throws -> Person {
        let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.no"
        return try await UserActions.create(.init(email: email, name: name, roles: roles, department: department, title: nil,
                                                  password: password), actorID: nil, app: app).person
    }

    @discardableResult
    static func skill(_ app: Application, _ name: String, synonyms: [String] = [], category: String? = nil) async throws -> Skill {
        try await SkillActions.create(.init(name: name, category: category, synonyms: synonyms), actorID: nil, app: app)
    }

    static func token(_ app: Application, for person: Person) async throws -> String {
        try await TokenActions.create(personID: person.id!, name: "test", app: app).secret
    }
}

extension HTTPHeaders {
    static func bearer(_ token: String) -> HTTPHeaders {
        var h = HTTPHeaders()
        h.bearerAuthorization = .init(token: token)
        return h
    }

    static func bearerJSON(_ token: String) -> HTTPHeaders {
        var h = bearer(token)
        h.contentType = .json
        return h
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(body.string)")
        }
        return object
    }

    func items() throws -> [[String: Any]] {
        guard let items = try json()["items"] as? [[String: Any]] else { throw TestFailure("no items in \(body.string)") }
        return items
    }

    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }

    var errorFields: [String: String] {
        ((try? json())?["error"] as? [String: Any])?["fields"] as? [String: String] ?? [:]
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

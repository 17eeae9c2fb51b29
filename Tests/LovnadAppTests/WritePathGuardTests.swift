import Foundation
import Testing

/// Only actions and the write path itself write. Anything else that writes — a page, a query, a job,
/// the CLI, the demo — calls an action, so every change commits with its events, jobs and audit.
/// At run time the same rule holds on SQLite by other means: reads go through read-only connections.
@Suite struct WritePathGuardTests {
    /// Fluent model and query writes, SQLKit builders and raw SQL that changes rows.
    static let writes: [(name: String, pattern: String)] = [
        ("Fluent create/save/update/delete", #"\.(create|save|update|delete)\(on:"#),
        ("Fluent query delete/update", #"\.(delete|update)\(\)"#),
        ("Fluent delete(force:)", #"\.delete\(force:"#),
        ("SQLKit insert/update/delete", #"\.(insert\(into:|update\("|delete\(from:)"#),
        ("raw INSERT", #"\bINSERT\s+INTO\b"#),
        ("raw UPDATE", #"\bUPDATE\s+[a-z_]+\s+SET\b"#),
        ("raw DELETE", #"\bDELETE\s+FROM\b"#),
    ]

    /// Where writing is the point: actions, the store, and migrations (schema and seed data).
    static func mayWrite(_ path: String) -> Bool {
        path.hasSuffix("Actions.swift") || path.contains("/Store/") || path.contains("/Database/Migrations/")
    }

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LovnadApp")
    }

    static func swiftFiles() throws -> [URL] {
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// Each line that writes, as "file:line: what".
    static func offences(in text: String, path: String, rules: [(name: String, pattern: String)]) -> [String] {
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") || code.hasPrefix("///") { continue }
            for rule in rules where code.range(of: rule.pattern, options: .regularExpression) != nil {
                found.append("\(path):\(number + 1): \(rule.name): \(code)")
            }
        }
        return found
    }

    @Test func onlyActionsAndTheStoreWrite() throws {
        var offences: [String] = []
        for file in try Self.swiftFiles() where !Self.mayWrite(file.path) {
            offences += Self.offences(in: try String(contentsOf: file, encoding: .utf8), path: file.lastPathComponent, rules: Self.writes)
        }
        #expect(offences.isEmpty, "write outside actions: \(offences.joined(separator: "\n"))")
    }

    /// Actions write through their write's context, never a request's or the application's database.
    @Test func actionsWriteThroughTheirWrite() throws {
        let bypass = Self.writes.map { (name: $0.name, pattern: $0.pattern) }
        var offences: [String] = []
        for file in try Self.swiftFiles() where Self.mayWrite(file.path) {
            let text = try String(contentsOf: file, encoding: .utf8)
            offences += Self.offences(in: text, path: file.lastPathComponent, rules: bypass)
                .filter { $0.contains("app.db") || $0.contains("req.db") || $0.contains("request.db") }
        }
        #expect(offences.isEmpty, "write bypassing the store: \(offences.joined(separator: "\n"))")
    }

    /// The guard itself finds what it is for (so it cannot pass by matching nothing).
    @Test func theGuardRecognisesWrites() throws {
        let samples = [
            "try await person.update(on: db)", "try await Reaction.query(on: db).filter(\\.$id == id).delete()",
            "try await sql.insert(into: \"messages\")", "try await sql.raw(\"UPDATE channels SET last_seq = 1\").run()",
            "DELETE FROM thread_follows WHERE", "try await rows.create(on: ctx.db)",
        ]
        for sample in samples {
            #expect(!Self.offences(in: sample, path: "x", rules: Self.writes).isEmpty, "not recognised: \(sample)")
        }
        #expect(Self.offences(in: "let people = try await Person.query(on: db).all()", path: "x", rules: Self.writes).isEmpty)
        #expect(Self.mayWrite("/a/Features/People/PeopleActions.swift") && !Self.mayWrite("/a/Features/People/PeoplePages.swift"))
        #expect(try Self.swiftFiles().count > 50)
    }
}

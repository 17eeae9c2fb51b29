import Fluent
import Vapor
import LovnadCore

/// `lovnad log verify [--engagement ID]`: recomputes every engagement log's hash chain (or one),
/// the same check as `GET /api/v1/engagements/{id}/log/verify`. Exits non-zero when a chain is broken.
struct LogCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
        @Option(name: "engagement", help: "One engagement's id (default: all)")
        var engagement: String?
    }

    var help: String { "Verifies the tamper-evident hash chain of engagement logs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw CLIError("unknown action '\(signature.action)'; use verify") }
        let db = context.application.db
        var query = Engagement.query(on: db).sort(\.$createdAt)
        if let text = signature.engagement {
            guard let id = UUID(uuidString: text) else { throw CLIError("--engagement must be an engagement id") }
            query = query.filter(\.$id == id)
        }
        let engagements = try await query.all()
        if signature.engagement != nil, engagements.isEmpty { throw CLIError("no engagement with id \(signature.engagement!)") }
        var broken = 0
        for engagement in engagements {
            switch try await EngagementLog.verify(engagementID: engagement.id!, on: db) {
            case .intact(let entries):
                context.console.print("ok      \(engagement.id!.uuidString.lowercased())  \(entries) entries  \(engagement.title)")
            case .broken(let at):
                broken += 1
                context.console.print("BROKEN  \(engagement.id!.uuidString.lowercased())  at entry \(at.uuidString.lowercased())  \(engagement.title)")
            }
        }
        if broken > 0 { throw CLIError("\(broken) of \(engagements.count) engagement log(s) are broken") }
        context.console.print("\(engagements.count) engagement log(s) verified.")
    }
}

import Vapor
import LovnadCore

/// `lovnad people import FILE.csv`
struct PeopleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import")
        var action: String
        @Argument(name: "file", help: "CSV with columns email,name,title,department,leader_email,roles,skills")
        var file: String
    }

    var help: String { "Imports people and their skills from a CSV file (idempotent by e-mail)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CLIError("unknown action '\(signature.action)'; use import") }
        guard let data = FileManager.default.contents(atPath: signature.file) else { throw CLIError("cannot read \(signature.file)") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(signature.file) is not UTF-8") }
        let console = context.console
        let report: PeopleImportActions.Report
        do {
            report = try await PeopleImportActions.run(csv: text, actorID: nil, app: context.application) { done, total in
                console.print("imported \(done)/\(total)")
            }
        } catch let error as PeopleCSV.HeaderError {
            throw CLIError(error.description)
        }
        console.print("Created \(report.created), updated \(report.updated).")
        if !report.newDepartments.isEmpty { console.print("New departments: \(report.newDepartments.joined(separator: ", "))") }
        if !report.newSkills.isEmpty { console.print("New skills (uncategorised): \(report.newSkills.joined(separator: ", "))") }
        for error in report.errors { console.error(error.description) }
        if !report.errors.isEmpty {
            throw CLIError("\(report.errors.count) line(s) were not imported")
        }
    }
}

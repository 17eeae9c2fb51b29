import Vapor

/// `lovnad demo`: fills a fresh database with Fjordkompetanse AS, then serves it and prints how to sign in.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Fills a fresh, empty database with a demo company, then serves it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let started = Date()
        // Written straight to the file descriptor, so it shows at once even when piped.
        let say: @Sendable (String) -> Void = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        say("Lovnad demo: building Fjordkompetanse AS…")
        let summary: DemoCompany.Summary
        do {
            summary = try await DemoCompany.seed(app: app) { say("  \($0)") }
        } catch let error as DemoCompany.DemoError {
            throw CLIError(error.description)
        }
        // Serve as `lovnad serve` would, on the configured host and port.
        var noOptions = CommandInput(arguments: ["lovnad"])
        try await app.servers.asyncCommand.run(using: context, signature: try ServeCommand.Signature(from: &noOptions))
        let base = app.settings.baseURL
        var lines = [
            "",
            "Lovnad is ready at \(base)/  (\(summary.people) people, \(summary.skills) skills, \(summary.endorsements) endorsements, \(summary.logEntries) log entries, \(summary.promises) promises, \(summary.messages) messages, \(summary.questions) questions, \(String(format: "%.1f", Date().timeIntervalSince(started))) s)",
            "Sign in with any of these; the password is \(DemoCompany.password):",
        ]
        for s in DemoCompany.signIns {
            lines.append("  \(s.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(DemoCompany.email(s.name))  (\(s.name))")
        }
        lines.append("")
        lines += DemoGuide.lines(try await DemoGuide.guide(app: app))
        lines.append("Stop with Ctrl-C.")
        say(lines.joined(separator: "\n"))
    }
}

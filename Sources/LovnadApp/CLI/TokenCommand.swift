import Fluent
import Vapor

/// `lovnad token create --email E [--name N]`: prints the new token as the last line.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "email", help: "Whose token")
        var email: String?
        @Option(name: "name", help: "What the token is for")
        var name: String?
    }

    var help: String { "Creates a personal API token and prints it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CLIError("unknown action '\(signature.action)'; use create") }
        guard let email = signature.email else { throw CLIError("--email is required") }
        guard let person = try await Person.query(on: context.application.db).filter(\.$email == email.lowercased())
            .filter(\.$active == true).first() else {
            throw CLIError("no active user with e-mail \(email)")
        }
        let created = try await TokenActions.create(personID: person.id!, name: signature.name ?? "command line",
                                                    app: context.application)
        context.console.print("Token for \(person.email) (shown once):")
        context.console.print(created.secret)
    }
}

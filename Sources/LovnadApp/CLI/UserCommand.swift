import Fluent
import Vapor
import LovnadCore

/// `lovnad user create --email E --name N --roles consultant,leader [--department NAME]`
/// `lovnad user deactivate --email E`
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create or deactivate")
        var action: String
        @Option(name: "email", help: "The person's e-mail address")
        var email: String?
        @Option(name: "name", help: "Full name (create)")
        var name: String?
        @Option(name: "roles", help: "Comma-separated: admin, leader, sales, consultant (create)")
        var roles: String?
        @Option(name: "department", help: "Department name, created if new (create)")
        var department: String?
    }

    var help: String { "Creates or deactivates a user. The password is read from stdin, or generated and printed." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email, !email.isEmpty else { throw CLIError("--email is required") }
        switch signature.action {
        case "create":
            guard let name = signature.name else { throw CLIError("--name is required") }
            let (roles, unknown) = Role.parseList(signature.roles ?? "consultant")
            guard unknown.isEmpty else { throw CLIError("unknown role(s): \(unknown.joined(separator: ", "))") }
            let password = Self.passwordFromStdin()
            do {
                let created = try await UserActions.create(.init(email: email, name: name, roles: roles, department: signature.department,
                                                                 title: nil, password: password), actorID: nil, app: app)
                context.console.print("Created \(created.person.email) (\(created.person.rolesText)).")
                if let generated = created.generatedPassword {
                    context.console.print("Password: \(generated)")
                }
            } catch let error as AppError {
                throw CLIError(Self.describe(error))
            }
        case "deactivate":
            guard let person = try await Person.query(on: app.db).filter(\.$email == email.lowercased()).first() else {
                throw CLIError("no user with e-mail \(email)")
            }
            _ = try await UserActions.deactivate(personID: person.id!, actorID: nil, app: app)
            context.console.print("Deactivated \(person.email); their sessions and tokens have ended.")
        default:
            throw CLIError("unknown action '\(signature.action)'; use create or deactivate")
        }
    }

    /// Piped input is the password; an interactive terminal gets a generated one.
    static func passwordFromStdin() -> String? {
        guard isatty(STDIN_FILENO) == 0 else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        return text.isEmpty ? nil : text
    }

    static func describe(_ error: AppError) -> String {
        error.fields.isEmpty ? error.message : error.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
    }
}

struct CLIError: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}

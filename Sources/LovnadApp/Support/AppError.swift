import LovnadCore
import Vapor

/// An error with a status, a stable code and optional field messages, answered as
/// `{"error": {"code", "message", "fields"}}` on the API and as a friendly page elsewhere.
struct AppError: Error, AbortError {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    var issues: [String: FieldIssue] = [:]
    var headers: HTTPHeaders = [:]
    /// For a refused transition: the checklist items that are missing.
    var missing: [String] = []
    /// Why, for a page in the reader's language (`message` is the same in English, for the API).
    var refusal: L?
    var refusalValues: [String: String] = [:]

    /// The API's `fields`: each issue in English.
    var fields: [String: String] { issues.mapValues(\.english) }

    /// The same, for a page in the reader's language.
    func fields(in t: Localizer) -> [String: String] { issues.mapValues(t.issue) }

    /// One line for a page: the field problems, each named by its label, when there are any, else the message.
    func problem(in t: Localizer) -> String {
        issues.isEmpty ? text(in: t) : fields(in: t).sorted { $0.key < $1.key }.map { "\(t.field($0.key)): \($0.value)" }.joined(separator: "; ")
    }

    /// The message in the reader's language when there is a reason to say it with.
    func text(in t: Localizer) -> String { refusal.map { t($0, refusalValues) } ?? message }

    var reason: String { message }

    static func notFound(_ what: String = "Not found") -> AppError { .init(status: .notFound, code: "not_found", message: what) }
    static func unauthorized() -> AppError { .init(status: .unauthorized, code: "unauthorized", message: "Sign in or send a valid Authorization: Bearer token") }
    static func forbidden(_ reason: L = .refuseNotAllowed, _ values: [String: String] = [:]) -> AppError {
        .init(status: .forbidden, code: "forbidden", message: Localizer(.en)(reason, values), refusal: reason, refusalValues: values)
    }
    static func malformed(_ message: String) -> AppError { .init(status: .badRequest, code: "malformed", message: message) }
    static func conflict(_ reason: L, _ values: [String: String] = [:]) -> AppError {
        .init(status: .conflict, code: "conflict", message: Localizer(.en)(reason, values), refusal: reason, refusalValues: values)
    }
    static func invalid(_ issues: [String: FieldIssue], message: String = "Some fields are invalid") -> AppError {
        .init(status: .unprocessableEntity, code: "invalid", message: message, issues: issues)
    }
}

/// Collects field errors, then throws them together as one 422.
struct FieldErrors {
    private(set) var issues: [String: FieldIssue] = [:]

    mutating func add(_ field: String, _ issue: FieldIssue) {
        if issues[field] == nil { issues[field] = issue }
    }

    var isEmpty: Bool { issues.isEmpty }

    func throwIfAny() throws {
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }
}

import Vapor

/// An error with a status, a stable code and optional field messages, answered as
/// `{"error": {"code", "message", "fields"}}` on the API and as a friendly page elsewhere.
struct AppError: Error, AbortError {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    var fields: [String: String] = [:]
    var headers: HTTPHeaders = [:]

    var reason: String { message }

    static func notFound(_ what: String = "Not found") -> AppError { .init(status: .notFound, code: "not_found", message: what) }
    static func unauthorized() -> AppError { .init(status: .unauthorized, code: "unauthorized", message: "Sign in or send a valid Authorization: Bearer token") }
    static func forbidden(_ message: String = "You may not do this") -> AppError { .init(status: .forbidden, code: "forbidden", message: message) }
    static func malformed(_ message: String) -> AppError { .init(status: .badRequest, code: "malformed", message: message) }
    static func conflict(_ message: String) -> AppError { .init(status: .conflict, code: "conflict", message: message) }
    static func invalid(_ fields: [String: String], message: String = "Some fields are invalid") -> AppError {
        .init(status: .unprocessableEntity, code: "invalid", message: message, fields: fields)
    }
}

/// Collects field errors, then throws them together as one 422.
struct FieldErrors {
    private(set) var fields: [String: String] = [:]

    mutating func add(_ field: String, _ message: String) {
        if fields[field] == nil { fields[field] = message }
    }

    var isEmpty: Bool { fields.isEmpty }

    func throwIfAny() throws {
        if !fields.isEmpty { throw AppError.invalid(fields) }
    }
}

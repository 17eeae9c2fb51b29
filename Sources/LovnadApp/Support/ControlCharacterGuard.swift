import Foundation
import LovnadCore
import Vapor

/// Control characters never reach an action (`ControlCharacters` says which). A JSON body holding one
/// in any string is refused with 422 naming each field (`offer.scope`, `profiles[2].requirements`);
/// from a form they are removed, since no one types them and a page cannot show a JSON refusal well.
/// One place for every API route and form.
struct ControlCharacterGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let type = request.headers.contentType
        let isJSON = type?.type == "application" && (type?.subType == "json" || type?.subType.hasSuffix("+json") == true)
        let isForm = type == .urlEncodedForm
        guard isJSON || isForm, ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        if request.body.data == nil { _ = try await request.body.collect(max: CSRFMiddleware.maxFormBytes).get() }
        guard let body = request.body.data else { return try await next.respond(to: request) }
        if isJSON {
            // A body that is not JSON is the route's to refuse (400); only strings are looked at here, and
            // only when the bytes could hold a refused character, so posting does not parse twice.
            if Self.mayHoldControls(json: body),
               let object = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed]) {
                var fields: [String: FieldIssue] = [:]
                Self.find(in: object, at: "", into: &fields)
                if !fields.isEmpty { throw AppError.invalid(fields) }
            }
        } else {
            let text = String(buffer: body)
            let cleaned = Self.removingEncodedControls(from: text)
            if cleaned != text { try request.content.encode(cleaned, using: RawBody()) }
        }
        return try await next.respond(to: request)
    }

    /// In JSON a refused character is a `\u` escape, a raw DEL or a raw C1 control (`C2 80`…`C2 9F`); a
    /// raw C0 control other than whitespace is not JSON at all and is passed on to be refused as such.
    static func mayHoldControls(json body: ByteBuffer) -> Bool {
        let bytes = body.readableBytesView
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x5C || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }

    static func find(in value: Any, at path: String, into fields: inout [String: FieldIssue]) {
        switch value {
        case let text as String:
            if ControlCharacters.contains(text) { fields[path.isEmpty ? "body" : path] = .controlCharacters }
        case let object as [String: Any]:
            for (key, inner) in object {
                let name = path.isEmpty ? key : "\(path).\(key)"
                if ControlCharacters.contains(key) { fields[name] = .controlCharacters }
                find(in: inner, at: name, into: &fields)
            }
        case let list as [Any]:
            for (index, inner) in list.enumerated() { find(in: inner, at: "\(path)[\(index)]", into: &fields) }
        default:
            break
        }
    }

    /// Percent-encoded C0 controls (but tab, LF, CR), DEL and C1 controls (`%C2%80`…`%C2%9F`), and any raw
    /// control byte, taken out of an `application/x-www-form-urlencoded` body.
    static func removingEncodedControls(from text: String) -> String {
        var cleaned = text.replacingOccurrences(of: "%(0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff]|[Cc]2%[89][0-9A-Fa-f])", with: "",
                                                options: .regularExpression)
        cleaned = ControlCharacters.removed(from: cleaned)
        return cleaned
    }
}

/// Writes a string as the body, as it is (the request keeps its content type).
private struct RawBody: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        guard let text = encodable as? String else { throw AppError.malformed("not a raw body") }
        body.writeString(text)
    }
}

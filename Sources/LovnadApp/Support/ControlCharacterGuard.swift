import Foundation
import LovnadCore
import Vapor

/// Control characters never reach an action (`ControlCharacters` says which): they are removed from
/// every string of a JSON body (keys included) and from every field of a form before the route reads
/// it. Removed rather than refused, so a request the OpenAPI document allows is never turned down for
/// them. One place for every API route and form.
struct ControlCharacterGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let type = request.headers.contentType
        let isJSON = type?.type == "application" && (type?.subType == "json" || type?.subType.hasSuffix("+json") == true)
        let isForm = type == .urlEncodedForm
        guard isJSON || isForm, ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        if request.body.data == nil { _ = try await request.body.collect(max: CSRFMiddleware.maxFormBytes).get() }
        guard let body = request.body.data else { return try await next.respond(to: request) }
        if isJSON {
            // A body that is not JSON is the route's to refuse (400). Only a body with a control character
            // in it (rare) is rewritten.
            if body.readableBytesView.contains(where: { $0 < 0x20 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 }),
               let object = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed]) {
                var changed = false
                let cleaned = Self.cleaned(object, changed: &changed)
                if changed, let data = try? JSONSerialization.data(withJSONObject: cleaned, options: [.fragmentsAllowed]) {
                    try request.content.encode(String(decoding: data, as: UTF8.self), using: RawBody())
                }
            }
        } else {
            let text = String(buffer: body)
            let cleaned = Self.removingEncodedControls(from: text)
            if cleaned != text { try request.content.encode(cleaned, using: RawBody()) }
        }
        return try await next.respond(to: request)
    }

    static func cleaned(_ value: Any, changed: inout Bool) -> Any {
        switch value {
        case let text as String:
            guard ControlCharacters.contains(text) else { return text }
            changed = true
            return ControlCharacters.removed(from: text)
        case let object as [String: Any]:
            var out: [String: Any] = [:]
            for (key, inner) in object {
                let name = cleaned(key, changed: &changed) as! String
                out[name] = cleaned(inner, changed: &changed)
            }
            return out
        case let list as [Any]:
            return list.map { cleaned($0, changed: &changed) }
        default:
            return value
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

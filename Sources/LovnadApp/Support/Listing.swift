import Vapor
import LovnadCore

/// Every API list: `{"items": [...], "next_cursor": ...}`.
struct ListResponse<Item: Content>: Content {
    let items: [Item]
    @NullEncoded var nextCursor: String?
}

extension Request {
    /// `?limit=&cursor=`; a cursor we did not issue is 422, a limit past 100 is clamped, a limit that is
    /// not a whole number (empty included) is 422.
    func pageRequest() throws -> ListPage {
        let limitText = query[String.self, at: "limit"]
        var limit: Int?
        if let limitText {
            guard let value = Int(limitText) else { throw AppError.invalid(["limit": .notAWholeNumber]) }
            limit = value
        }
        guard let page = ListPage(limit: limit, cursor: query[String.self, at: "cursor"]) else {
            throw AppError.invalid(["cursor": .unknownCursor])
        }
        return page
    }

    /// A UUID path parameter; anything else is simply not found.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw AppError.notFound() }
        return id
    }

    /// A UUID from the query string; absent or empty is nil, anything else not a UUID is 422.
    func optionalUUIDQuery(_ name: String) throws -> UUID? {
        guard let text = query[String.self, at: name], !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw AppError.invalid([name: .notAnID]) }
        return id
    }

    /// Like `decodeJSON`, for a body that may be left out altogether.
    func decodeJSONIfAny<T: Decodable>(_ type: T.Type) throws -> T? {
        guard let body = body.data, body.readableBytes > 0 else { return nil }
        return try decodeJSON(type)
    }

    /// Decodes a JSON body; a body that is not JSON of the right shape is 400.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType == .json || contentType.subType.hasSuffix("+json") else {
            throw AppError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as application/json")
        }
        do { return try content.decode(T.self) } catch {
            throw AppError.malformed("The body is not valid JSON of the expected shape: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx), DecodingError.dataCorrupted(let ctx):
            let path = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? ctx.debugDescription : "\(path): \(ctx.debugDescription)"
        case DecodingError.keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        default:
            return "could not be read"
        }
    }
}

extension Day {
    /// A date field of a request: absent or empty is nil, anything else not YYYY-MM-DD is 422.
    static func field(_ text: String?, named name: String) throws -> Day? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = Day(text) else { throw AppError.invalid([name: .notADate]) }
        return day
    }
}

import Plot
import Vapor
import LovnadCore

/// Turns every error into the API's JSON shape under `/api`, and into a friendly page elsewhere.
/// Unexpected errors are logged and answered as 500 without details.
struct AppErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct Body: Content {
        struct Inner: Content {
            let code: String
            let message: String
            let fields: [String: String]
            let missing: [String]?
        }
        let error: Inner
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let appError = Self.classify(error, request: request)
            if appError.status == .internalServerError {
                request.logger.report(error: error)
            }
            let response: Response
            if Self.wantsJSON(request) {
                response = Response(status: appError.status)
                try response.content.encode(Body(error: .init(code: appError.code, message: appError.message, fields: appError.fields,
                                                             missing: appError.missing.isEmpty ? nil : appError.missing)))
            } else {
                response = ErrorPage.render(request, error: appError)
            }
            for (name, value) in appError.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        request.url.path.hasPrefix("/api/") || request.url.path == "/api"
            || (request.headers.accept.first?.mediaType == .json)
    }

    static func classify(_ error: any Error, request: Request) -> AppError {
        switch error {
        case let e as AppError:
            return e
        case is RouteNotFound:
            let allowed = request.application.allowedMethods.methods(for: request.url.path)
            guard !allowed.isEmpty else { return .notFound() }
            return AppError(status: .methodNotAllowed, code: "method_not_allowed", message: "This address does not take \(request.method.rawValue)",
                            headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
        case is DecodingError:
            return .malformed("The request body could not be read")
        case let e as any AbortError:
            let code: String = switch e.status {
            case .notFound: "not_found"
            case .unauthorized: "unauthorized"
            case .forbidden: "forbidden"
            case .badRequest: "malformed"
            case .payloadTooLarge: "too_large"
            case .unsupportedMediaType: "unsupported_media_type"
            case .methodNotAllowed: "method_not_allowed"
            default: e.status.code >= 500 ? "internal" : "error"
            }
            let message = e.status == .notFound ? "Not found" : (e.status.code >= 500 ? "Something went wrong on our side" : e.reason)
            return AppError(status: e.status, code: code, message: message, headers: e.headers)
        default:
            return AppError(status: .internalServerError, code: "internal", message: "Something went wrong on our side")
        }
    }
}


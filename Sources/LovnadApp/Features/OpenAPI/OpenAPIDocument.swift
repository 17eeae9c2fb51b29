import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, kept as a JSON file beside the code and checked
/// against the registered routes by a test.
enum OpenAPIDocument {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Public"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()

    @Sendable static func serve(req: Request) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}

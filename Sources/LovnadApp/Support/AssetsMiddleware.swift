import Vapor

/// Serves the app's own CSS and JavaScript from the bundle under `/assets/`. No CDN, no build step.
struct AssetsMiddleware: AsyncMiddleware {
    static let files: [String: (data: Data, type: HTTPMediaType)] = {
        var files: [String: (Data, HTTPMediaType)] = [:]
        for (name, type) in [("app.css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
                             ("app.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]))] {
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            if let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Public"),
               let data = try? Data(contentsOf: url) {
                files[name] = (data, type)
            }
        }
        return files
    }()

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard request.method == .GET || request.method == .HEAD, path.hasPrefix("/assets/") else {
            return try await next.respond(to: request)
        }
        guard let file = Self.files[String(path.dropFirst("/assets/".count))] else { throw AppError.notFound() }
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.contentType = file.type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }
}

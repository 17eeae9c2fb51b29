import Vapor

/// The methods each route path answers, so a request for a path that exists with a method it does not
/// take gets 405 with `Allow` (RFC 9110 15.5.6) instead of 404.
struct AllowedMethods: Sendable {
    private struct Pattern: Sendable {
        let components: [PathComponent]
        let method: HTTPMethod
    }
    private let patterns: [Pattern]

    init(routes: [Route]) {
        patterns = routes.map { Pattern(components: $0.path, method: $0.method) }
    }

    /// Methods for `path` (empty when no route has it), HEAD wherever GET is.
    func methods(for path: String) -> [HTTPMethod] {
        let parts = path.split(separator: "/").map(String.init)
        var found = Set<String>()
        for pattern in patterns where Self.matches(pattern.components, parts) {
            found.insert(pattern.method.rawValue)
            if pattern.method == .GET { found.insert(HTTPMethod.HEAD.rawValue) }
        }
        return found.sorted().map { HTTPMethod(rawValue: $0) }
    }

    private static func matches(_ components: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in components.enumerated() {
            switch component {
            case .catchall: return parts.count > index
            case .anything, .parameter: if index >= parts.count { return false }
            case .constant(let text): if index >= parts.count || parts[index] != text { return false }
            }
        }
        return components.count == parts.count
    }
}

extension Application {
    private struct AllowedMethodsKey: StorageKey { typealias Value = AllowedMethods }

    /// Set once the routes are registered.
    var allowedMethods: AllowedMethods {
        get { storage[AllowedMethodsKey.self] ?? AllowedMethods(routes: []) }
        set { storage[AllowedMethodsKey.self] = newValue }
    }
}

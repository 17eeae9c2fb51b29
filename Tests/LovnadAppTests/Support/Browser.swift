import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

/// A cookie-keeping client over the in-memory tester, for page flows: it signs in through the
/// real form and lifts the CSRF token from the last page it loaded.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var lastPage = ""
    var address = "unknown"

    init(_ app: Application) { self.app = app }

    /// The headers a request from this browser carries (its cookies and address).
    var cookieHeader: HTTPHeaders {
        var h = HTTPHeaders()
        h.replaceOrAdd(name: .xForwardedFor, value: address)
        if !cookies.isEmpty {
            h.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        return h
    }

    private func keep(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count >= 1 else { continue }
            let value = parts.count == 2 ? parts[1] : ""
            if value.isEmpty || header.lowercased().contains("max-age=0") { cookies.removeValue(forKey: parts[0]) } else { cookies[parts[0]] = value }
        }
    }

    @discardableResult
    func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = cookieHeader
        headers.add(contentsOf: extra)
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        keep(response)
        lastPage = response.body.string
        return response
    }

    /// The CSRF token in the last page's forms.
    var csrfToken: String? {
        guard let range = lastPage.range(of: #"name="csrf_token" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = String(lastPage[range])
        return match.components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
    }

    @discardableResult
    func post(_ path: String, form: [String: String], withCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if withCSRF, let token = csrfToken { fields["csrf_token"] = token }
        var headers = cookieHeader
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        lastPage = response.body.string
        return response
    }

    /// A form with repeated fields (a group of checkboxes), in order.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = cookieHeader
        headers.contentType = .urlEncodedForm
        let body = (pairs + [("csrf_token", csrfToken ?? "")]).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        lastPage = response.body.string
        return response
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    @discardableResult
    func signIn(_ email: String, password: String = Fixture.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", form: ["email": email, "password": password])
    }
}

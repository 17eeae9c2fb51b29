import Foundation

/// A web origin — scheme, host and port — compared whole, as browsers do: `https://a` is not
/// `http://a`, and a missing port is the scheme's default.
public struct WebOrigin: Equatable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int

    public init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let defaults = ["http": 80, "https": 443, "ws": 80, "wss": 443]
        guard let port = url.port ?? defaults[scheme] else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }
}

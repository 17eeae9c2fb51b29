import Foundation
import LovnadCore

/// Every setting, read once at start from the environment and an optional `.env`.
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        /// `searchPath` lets tests give each app its own schema on one PostgreSQL database.
        case postgres(url: String, searchPath: String?)
    }

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var baseURL: String = "http://127.0.0.1:8080"
    public var database: Database = .sqliteFile(path: "./data/lovnad.sqlite")
    public var dataDirectory: String = "./data"
    public var sessionSecret: String = ""
    public var defaultLocale: AppLocale = .nb
    public var timeZone: TimeZone = TimeZone(identifier: "Europe/Oslo")!
    public var autoMigrate: Bool = true
    public var sessionPolicy = SessionPolicy()
    public var runJobs: Bool = true
    /// bcrypt cost; tests lower it to stay fast.
    public var passwordHashCost: Int = 11
    /// Behind a reverse proxy, take the client address from `X-Forwarded-For`.
    public var trustProxy: Bool = false
    /// Working days before a promise's due date that its owner is reminded.
    public var reminderWorkingDays: Int = 2
    /// How often open live connections are checked against their session or token.
    public var liveCheckSeconds: Double = 5
    /// How many a question is put to at first and at each escalation.
    public var routeTo: Int = RoutingRules.standard.perStep
    /// Days after an accepted answer was last confirmed that its verifier is asked to check it again.
    public var knowledgeCheckDays: Int = KnowledgeCheck.defaultPeriodDays

    public init() {}

    /// Routing's rules with the number asked at each step from the settings.
    public var routingRules: RoutingRules {
        var rules = RoutingRules.standard
        rules.perStep = routeTo
        return rules
    }

    public var secureCookies: Bool { baseURL.lowercased().hasPrefix("https://") }

    /// The origin (scheme://host[:port]) of the base URL, used to check where requests come from.
    public var origin: String {
        guard let url = URL(string: baseURL), let scheme = url.scheme, let host = url.host else { return baseURL }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}

public struct SettingsError: Error, CustomStringConvertible {
    public let description: String
}

extension Settings {
    /// Reads the process environment over `.env` in the working directory (the environment wins).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            dotEnvPath: String = ".env") throws -> Settings {
        var env = DotEnv.read(path: dotEnvPath)
        env.merge(environment) { _, process in process }
        return try from(env)
    }

    static func from(_ env: [String: String]) throws -> Settings {
        func value(_ key: String) -> String? {
            guard let v = env[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        var s = Settings()
        if let host = value("LOVNAD_HOST") { s.host = host }
        if let port = value("LOVNAD_PORT") {
            guard let p = Int(port), (1...65535).contains(p) else {
                throw SettingsError(description: "LOVNAD_PORT must be a port number, not '\(port)'")
            }
            s.port = p
        }
        s.baseURL = value("LOVNAD_BASE_URL") ?? "http://\(s.host):\(s.port)"
        while s.baseURL.hasSuffix("/") { s.baseURL.removeLast() }
        let path = value("LOVNAD_DATABASE_PATH") ?? "./data/lovnad.sqlite"
        s.dataDirectory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        if let url = value("DATABASE_URL") {
            s.database = .postgres(url: url, searchPath: nil)
        } else {
            s.database = .sqliteFile(path: path)
        }
        if let locale = value("LOVNAD_DEFAULT_LOCALE") {
            guard let l = AppLocale(rawValue: locale) else {
                throw SettingsError(description: "LOVNAD_DEFAULT_LOCALE must be nb or en, not '\(locale)'")
            }
            s.defaultLocale = l
        }
        if let zone = value("LOVNAD_TIME_ZONE") {
            guard let tz = TimeZone(identifier: zone) else {
                throw SettingsError(description: "LOVNAD_TIME_ZONE '\(zone)' is not a known time zone")
            }
            s.timeZone = tz
        }
        if let auto = value("LOVNAD_AUTO_MIGRATE") { s.autoMigrate = !["0", "false", "no", "off"].contains(auto.lowercased()) }
        if let proxy = value("LOVNAD_TRUST_PROXY") { s.trustProxy = ["1", "true", "yes", "on"].contains(proxy.lowercased()) }
        if let jobs = value("LOVNAD_RUN_JOBS") { s.runJobs = !["0", "false", "no", "off"].contains(jobs.lowercased()) }
        var idle = s.sessionPolicy.idleTimeout, absolute = s.sessionPolicy.absoluteLifetime
        if let hours = value("LOVNAD_SESSION_IDLE_HOURS") {
            guard let h = Double(hours), h > 0 else { throw SettingsError(description: "LOVNAD_SESSION_IDLE_HOURS must be a positive number") }
            idle = h * 3600
        }
        if let days = value("LOVNAD_REMINDER_WORKING_DAYS") {
            guard let d = Int(days), (0...20).contains(d) else { throw SettingsError(description: "LOVNAD_REMINDER_WORKING_DAYS must be a whole number from 0 to 20") }
            s.reminderWorkingDays = d
        }
        if let n = value("LOVNAD_ROUTE_TO") {
            guard let v = Int(n), (1...10).contains(v) else { throw SettingsError(description: "LOVNAD_ROUTE_TO must be a whole number from 1 to 10") }
            s.routeTo = v
        }
        if let days = value("LOVNAD_KNOWLEDGE_CHECK_DAYS") {
            guard let d = Int(days), (1...3650).contains(d) else { throw SettingsError(description: "LOVNAD_KNOWLEDGE_CHECK_DAYS must be a whole number of days from 1 to 3650") }
            s.knowledgeCheckDays = d
        }
        if let seconds = value("LOVNAD_LIVE_CHECK_SECONDS") {
            guard let v = Double(seconds), v >= 0.1, v <= 300 else { throw SettingsError(description: "LOVNAD_LIVE_CHECK_SECONDS must be a number of seconds from 0.1 to 300") }
            s.liveCheckSeconds = v
        }
        if let days = value("LOVNAD_SESSION_MAX_DAYS") {
            guard let d = Double(days), d > 0 else { throw SettingsError(description: "LOVNAD_SESSION_MAX_DAYS must be a positive number") }
            absolute = d * 86400
        }
        s.sessionPolicy = SessionPolicy(idleTimeout: idle, absoluteLifetime: absolute)
        s.sessionSecret = try value("LOVNAD_SESSION_SECRET") ?? SessionSecretFile.loadOrCreate(in: s.dataDirectory)
        guard s.sessionSecret.utf8.count >= 32 else {
            throw SettingsError(description: "LOVNAD_SESSION_SECRET must be at least 32 characters")
        }
        return s
    }
}

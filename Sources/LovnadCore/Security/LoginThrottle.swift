import Foundation

/// Failed sign-ins are limited per account and per address within a sliding window.
///
/// The limits (ASVS 2.2.1 asks for anti-automation without letting one party lock others out; NIST
/// SP 800-63B 5.2.2 caps failures per account at 100): an account takes 5 failures in 15 minutes, an
/// address 50 — many people behind one office NAT mistyping a password do not lock each other out,
/// while one address spraying guesses at many accounts is held to 200 an hour.
public struct LoginThrottle: Sendable {
    public static let perAccount = LoginThrottle(maxFailures: 5, window: 15 * 60)
    public static let perAddress = LoginThrottle(maxFailures: 50, window: 15 * 60)

    public enum Decision: Equatable, Sendable {
        case allowed
        case blocked(retryAfterSeconds: Int)
    }

    public let maxFailures: Int
    public let window: TimeInterval

    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// `failures` are the times of failed attempts for one key (account or address).
    public func decision(failures: [Date], now: Date) -> Decision {
        let recent = failures.filter { now.timeIntervalSince($0) < window && $0 <= now }.sorted()
        guard recent.count >= maxFailures else { return .allowed }
        // Blocked until enough of the recent failures have left the window.
        let freeing = recent[recent.count - maxFailures]
        let seconds = Int((freeing.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up))
        return .blocked(retryAfterSeconds: max(1, seconds))
    }

    /// The most restrictive of several decisions.
    public static func strictest(_ decisions: [Decision]) -> Decision {
        let waits = decisions.compactMap { d -> Int? in
            if case .blocked(let s) = d { return s } else { return nil }
        }
        return waits.max().map { .blocked(retryAfterSeconds: $0) } ?? .allowed
    }
}

import Foundation

/// A browser session ends after a spell of idleness or at its absolute lifetime, whichever is first.
public struct SessionPolicy: Sendable, Equatable {
    public let idleTimeout: TimeInterval
    public let absoluteLifetime: TimeInterval

    public init(idleTimeout: TimeInterval = 8 * 3600, absoluteLifetime: TimeInterval = 30 * 86400) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }

    public func isActive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) < idleTimeout && now.timeIntervalSince(createdAt) < absoluteLifetime
    }

    /// Touching the session on every request would write on every request; once a minute is enough.
    public func shouldTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= 60
    }
}

import Fluent
import Synchronization
import Vapor

/// One thing on the home page and why it is there. Later capabilities (questions for you, forums,
/// due promises) add their own `FeedSource`; the feed ranks everything by tier, then recency.
struct FeedItemDTO: Content {
    /// What the item is: `message` so far.
    let kind: String
    /// Why it is shown: `mentioned`, `thread_reply`, `engagement`, `department`, `topic`, ...
    let reason: String
    /// Lower tiers come first.
    let tier: Int
    let at: Date
    let channel: ChannelRefDTO?
    @NullEncoded var message: MessageDTO?

    /// What pages the feed: the message's id, or (for other kinds) kind and time.
    var itemID: String { message?.id.uuidString ?? "\(kind)-\(at.timeIntervalSince1970)" }
}

struct ChannelRefDTO: Content {
    let id: UUID
    let name: String
    let kind: String
}

protocol FeedSource: Sendable {
    func items(for user: CurrentUser, since: Date, app: Application) async throws -> [FeedItemDTO]
}

enum HomeFeed {
    /// How far back the feed looks.
    static let window: TimeInterval = 14 * 24 * 3600
    static let maxItems = 200

    static func items(for user: CurrentUser, app: Application) async throws -> [FeedItemDTO] {
        let since = app.clock.now().addingTimeInterval(-window)
        var all: [FeedItemDTO] = []
        for source in app.feedSources.all { all += try await source.items(for: user, since: since, app: app) }
        // One item per message: the most relevant reason wins.
        var seen: Set<UUID> = []
        let ranked = all.sorted { ($0.tier, $1.at) < ($1.tier, $0.at) }
        return Array(ranked.filter { item in item.message.map { seen.insert($0.id).inserted } ?? true }.prefix(maxItems))
    }
}

extension Application {
    private struct FeedSourcesKey: StorageKey { typealias Value = Registry<any FeedSource> }
    var feedSources: Registry<any FeedSource> { registry(FeedSourcesKey.self) }
}

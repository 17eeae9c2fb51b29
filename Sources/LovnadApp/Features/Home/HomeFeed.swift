import Fluent
import LovnadCore
import Synchronization
import Vapor

/// One thing on the home page and why it is there. Later capabilities (questions for you, forums,
/// due promises) add their own `FeedSource`; the feed ranks everything by tier, then recency.
struct FeedItemDTO: Content {
    /// What the item is: `message` or `question`.
    let kind: String
    /// Why it is shown: `mentioned`, `thread_reply`, `engagement`, `department`, `topic`, `question_for_you`, `question_on_skill`
    let reason: String
    /// Lower tiers come first.
    let tier: Int
    let at: Date
    let channel: ChannelRefDTO?
    @NullEncoded var message: MessageDTO?
    @NullEncoded var question: QuestionDTO? = nil

    /// What pages the feed: the message's id, or the kind and the thing's id.
    var itemID: String { message?.id.uuidString ?? question.map { "\(kind)-\($0.id)" } ?? "\(kind)-\(at.timeIntervalSince1970)" }
}

struct ChannelRefDTO: Content {
    let id: UUID
    let name: String
    let kind: String
}

/// An item a source could show, ranked before anything is read for display: a page of the feed only
/// builds what it shows (building every candidate's message was most of the home page's time).
struct FeedCandidate: Sendable {
    let kind: String
    let reason: String
    let tier: Int
    let at: Date
    let channel: ChannelRefDTO?
    /// What the source needs to build the item (a message's or a question's id).
    let ref: UUID
    /// Which source it came from.
    var source = 0

    /// What pages the feed.
    var itemID: String { kind == "message" ? ref.uuidString : "\(kind)-\(ref)" }
}

protocol FeedSource: Sendable {
    func candidates(for user: CurrentUser, since: Date, app: Application) async throws -> [FeedCandidate]
    /// The items for some of this source's candidates, in their order.
    func items(_ chosen: [FeedCandidate], for user: CurrentUser, app: Application) async throws -> [FeedItemDTO]
}

enum HomeFeed {
    /// How far back the feed looks.
    static let window: TimeInterval = 14 * 24 * 3600
    static let maxItems = 200

    /// Everything the feed could show, most relevant first: by tier, then newest; one item per message.
    static func candidates(for user: CurrentUser, app: Application) async throws -> [FeedCandidate] {
        let since = app.clock.now().addingTimeInterval(-window)
        var all: [FeedCandidate] = []
        for (index, source) in app.feedSources.all.enumerated() {
            all += try await source.candidates(for: user, since: since, app: app).map { var c = $0; c.source = index; return c }
        }
        var seen: Set<String> = []
        let ranked = all.sorted { ($0.tier, $1.at) < ($1.tier, $0.at) }
        return Array(ranked.filter { seen.insert($0.itemID).inserted }.prefix(maxItems))
    }

    /// One page of the feed, by a cursor on (tier, newest first), for the API and the home page alike.
    static func page(for user: CurrentUser, _ page: ListPage, app: Application) async throws -> (items: [FeedItemDTO], next: String?) {
        // The cursor's tier and time; another list's cursor is one we did not issue here.
        var after: (tier: Int64, at: Int64)?
        if let position = page.after {
            let parts = position.key.split(separator: ":").compactMap { Int64($0) }
            guard parts.count == 2 else { throw AppError.invalid(["cursor": .unknownCursor]) }
            after = (parts[0], parts[1])
        }
        let candidates = try await candidates(for: user, app: app)
        let (shown, next) = page.page(of: candidates, position: { ListPage.Position(key: "\($0.tier):\(KeysetKey.cursorKey(of: $0.at))", id: $0.itemID) },
                                      comesAfter: { item, _ in
                                          guard let after else { return true }
                                          let at = Int64(KeysetKey.cursorKey(of: item.at)) ?? 0
                                          return Int64(item.tier) > after.tier || (Int64(item.tier) == after.tier && at < after.at)
                                      })
        return (try await items(shown, for: user, app: app), next)
    }

    /// The items for the chosen candidates, in their order.
    static func items(_ chosen: [FeedCandidate], for user: CurrentUser, app: Application) async throws -> [FeedItemDTO] {
        let sources = app.feedSources.all
        var built: [String: FeedItemDTO] = [:]
        for (index, source) in sources.enumerated() {
            let mine = chosen.filter { $0.source == index }
            guard !mine.isEmpty else { continue }
            for item in try await source.items(mine, for: user, app: app) { built[item.itemID] = item }
        }
        return chosen.compactMap { built[$0.itemID] }
    }
}

extension Application {
    private struct FeedSourcesKey: StorageKey { typealias Value = Registry<any FeedSource> }
    var feedSources: Registry<any FeedSource> { registry(FeedSourcesKey.self) }
}

import Fluent
import SQLKit
import Vapor
import LovnadCore

/// A message from the past, as an import (the demo; later Slack or Teams exports) brings it.
struct HistoricalMessage {
    let channelID: UUID
    let authorID: UUID
    let body: String
    let at: Date
    /// The index, in the same import, of the root this replies to.
    let replyTo: Int?
    let reactions: [(personID: UUID, emoji: String)]
}

/// Writes a conversation history in one transaction through the message writer posting uses (numbering,
/// Markdown, mentions, questions and their norm, reply counts, follows). It is the past, so no live events,
/// notices or reminders; members have read all but the last few messages of each channel.
enum HistoryImportActions {
    /// Drafts per call of the writer: its multi-row statements stay well under both databases' bind limits.
    private static let batch = 500

    static func importHistory(_ items: [HistoricalMessage], app: Application) async throws -> Int {
        try await app.store.write { ctx in try await importHistory(items, ctx) }
    }

    private static func importHistory(_ items: [HistoricalMessage], _ ctx: WriteContext) async throws -> Int {
        let db = ctx.db
        let zone = ctx.app.settings.timeZone
        let channelIDs = Array(Set(items.map(\.channelID)))
        let channels = Dictionary(uniqueKeysWithValues: try await Channel.query(on: db).filter(\.$id ~~ channelIDs).all().map { ($0.id!, $0) })
        let members = Dictionary(grouping: try await ChannelMember.query(on: db).filter(\.$channel.$id ~~ channelIDs).all(), by: { $0.$channel.id })
            .mapValues { Set($0.map { $0.$person.id }) }
        let people = try await Person.query(on: db).all()
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.name) })
        let handles = Dictionary(people.map { (String($0.email.lowercased().split(separator: "@")[0]), $0.id!) }, uniquingKeysWith: { a, _ in a })

        // In time order; a reply whose root was refused becomes a root itself.
        var drafts: [Int: MessageDraft] = [:]
        var written: [MessageDraft] = []
        for i in items.indices.sorted(by: { items[$0].at < items[$1].at }) {
            let item = items[i]
            guard let channel = channels[item.channelID], MessageRules.issue(with: item.body) == nil else { continue }
            let draft = MessageDraft.render(
                channelID: item.channelID, channelName: channel.name, normMinutes: channel.normMinutes,
                threadID: item.replyTo.flatMap { drafts[$0]?.id }, author: PersonRef(id: item.authorID, name: names[item.authorID] ?? ""),
                body: item.body, mentions: mentions(in: item.body, by: item.authorID, members: members[item.channelID] ?? [], handles: handles),
                now: item.at, zone: zone)
            drafts[i] = draft
            written.append(draft)
        }
        for chunk in written.chunked(batch) { _ = try await PostingActions.write(chunk, ctx, as: .imported) }

        let reactions = items.indices.flatMap { i -> [Reaction] in
            guard let draft = drafts[i] else { return [] }
            var seen: Set<String> = []
            return items[i].reactions.filter { seen.insert("\($0.personID)\($0.emoji)").inserted && MessageRules.isReaction($0.emoji) }
                .map { Reaction(messageID: draft.id, personID: $0.personID, emoji: $0.emoji, now: draft.now.addingTimeInterval(600)) }
        }
        for chunk in reactions.chunked(batch) { try await chunk.create(on: db) }
        // Members have read all but the last few.
        for id in channels.keys {
            let last = try await Channel.find(id, on: db)?.lastSeq ?? 0
            try await ChannelMember.query(on: db).filter(\.$channel.$id == id).set(\.$lastReadSeq, to: max(0, last - 3)).update()
        }
        return written.count
    }

    /// Mentions as posting resolves them (`@handle` of a member, `@kanal` for all), from names known up front.
    private static func mentions(in body: String, by author: UUID, members: Set<UUID>, handles: [String: UUID]) -> MessageActions.Mentions {
        var result = MessageActions.Mentions()
        for handle in MessageRules.mentionedHandles(in: body).sorted().prefix(20) {
            if MessageRules.channelHandles.contains(handle) {
                result.handles.insert(handle)
                result.personIDs.formUnion(members.subtracting([author]))
            } else if let id = handles[handle], members.contains(id) {
                result.handles.insert(handle)
                if id != author {
                    result.direct.append(id)
                    result.personIDs.insert(id)
                }
            }
        }
        return result
    }
}

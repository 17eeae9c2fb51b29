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

/// Writes a conversation history in one transaction by the same rules as posting (numbering, Markdown,
/// mentions, questions and their norm, reply counts, follows). It is the past, so no live events and
/// no notices; members have read all but the last few messages of each channel.
enum HistoryImportActions {
    static func importHistory(_ items: [HistoricalMessage], app: Application) async throws -> Int {
        try await app.store.write { ctx in try await importHistory(items, ctx) }
    }

    private static func importHistory(_ items: [HistoricalMessage], _ ctx: WriteContext) async throws -> Int {
        let db = ctx.db
        let zone = ctx.app.settings.timeZone
        let channelIDs = Array(Set(items.map(\.channelID)))
        let channels = Dictionary(uniqueKeysWithValues: try await Channel.query(on: db).filter(\.$id ~~ channelIDs).all().map { ($0.id!, $0) })
        let members = Dictionary(grouping: try await ChannelMember.query(on: db).filter(\.$channel.$id ~~ channelIDs).all(), by: { $0.$channel.id })
        let people = try await Person.query(on: db).all()
        let handles = Dictionary(people.map { (String($0.email.lowercased().split(separator: "@")[0]), $0.id!) }, uniquingKeysWith: { a, _ in a })

        let order = items.indices.sorted { items[$0].at < items[$1].at }
        var ids = items.map { _ in UUID() }
        var seqs = Dictionary(uniqueKeysWithValues: channels.map { ($0.key, $0.value.lastSeq) })
        var messages: [Int: Message] = [:]
        var mentions: [MessageMention] = []
        var follows: [UUID: [UUID: Int]] = [:]  // thread → person → last seq
        for i in order {
            let item = items[i]
            guard let channel = channels[item.channelID], MessageRules.issue(with: item.body) == nil else { continue }
            let memberIDs = Set((members[item.channelID] ?? []).map { $0.$person.id })
            let seq = (seqs[item.channelID] ?? 0) + 1
            seqs[item.channelID] = seq
            let root = item.replyTo.flatMap { messages[$0] }
            var named: Set<String> = []
            var mentioned: Set<UUID> = []
            for handle in MessageRules.mentionedHandles(in: item.body) {
                if MessageRules.channelHandles.contains(handle) { named.insert(handle); mentioned.formUnion(memberIDs) }
                else if let id = handles[handle], memberIDs.contains(id) { named.insert(handle); mentioned.insert(id) }
            }
            mentioned.remove(item.authorID)
            let question = root == nil && MessageRules.looksLikeQuestion(item.body)
            let message = Message(channelID: item.channelID, seq: seq, threadID: root?.id, authorID: item.authorID, body: item.body,
                                  html: SafeMarkdown.html(item.body, mentions: named), isQuestion: question,
                                  normDueAt: question ? ResponseNorm.deadline(from: item.at, workingMinutes: channel.normMinutes, in: zone) : nil,
                                  now: item.at)
            message.id = ids[i]
            messages[i] = message
            mentions += mentioned.map { MessageMention(messageID: ids[i], personID: $0, channelID: item.channelID, seq: seq) }
            if let root {
                root.replyCount += 1
                root.lastReplyAt = item.at
                if root.firstReplyAt == nil, root.$author.id != item.authorID { root.firstReplyAt = item.at }
                follows[root.id!, default: [:]][item.authorID] = seq
                follows[root.id!, default: [:]][root.$author.id] = follows[root.id!]?[root.$author.id] ?? root.seq
            }
        }
        ids = []
        let written = order.compactMap { messages[$0] }
        let reactions = order.flatMap { i -> [Reaction] in
            guard let m = messages[i] else { return [] }
            var seen: Set<String> = []
            return items[i].reactions.filter { seen.insert("\($0.personID)\($0.emoji)").inserted && MessageRules.isReaction($0.emoji) }
                .map { Reaction(messageID: m.id!, personID: $0.personID, emoji: $0.emoji, now: m.createdAt.addingTimeInterval(600)) }
        }
        let threadFollows = follows.flatMap { thread, people in people.map { ThreadFollow(threadID: thread, personID: $0.key, lastReadSeq: $0.value) } }
        try await insert(written, on: db)
        try await insert(mentions, on: db)
        try await insert(reactions, on: db)
        try await insert(threadFollows, on: db)
        for (id, channel) in channels {
            let last = seqs[id] ?? channel.lastSeq
            channel.lastSeq = last
            channel.lastMessageAt = written.last { $0.$channel.id == id }?.createdAt ?? channel.lastMessageAt
            try await channel.update(on: db)
            // Members have read all but the last few.
            try await ChannelMember.query(on: db).filter(\.$channel.$id == id).set(\.$lastReadSeq, to: max(0, last - 3)).update()
        }
        return written.count
    }

    /// Many rows in statements of 500.
    private static func insert<M: Model>(_ rows: [M], on db: any Database) async throws {
        for start in stride(from: 0, to: rows.count, by: 500) {
            try await Array(rows[start..<min(start + 500, rows.count)]).create(on: db)
        }
    }
}

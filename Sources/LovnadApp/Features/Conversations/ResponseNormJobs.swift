import Fluent
import Vapor
import LovnadCore

/// The gentle nudge: when a question has waited three quarters of its channel's norm without an
/// answer, members who have been active in the channel lately hear about it.
enum ResponseNormJobs {
    static let nudgeKind = "response_norm_nudge"
    /// "Active": wrote in the channel in the last 30 days.
    static let activeWindow: TimeInterval = 30 * 24 * 3600
    static let maxNudged = 20

    static func register(_ app: Application) {
        app.jobs.register(JobHandler(kind: nudgeKind) { payload, ctx in
            struct Payload: Decodable { let message_id: UUID }
            let p = try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
            guard let question = try await Message.query(on: ctx.db).filter(\.$id == p.message_id).with(\.$channel).with(\.$author).first(),
                  question.firstReplyAt == nil, question.deletedAt == nil, question.channel.archivedAt == nil else { return }
            for personID in try await activeMembers(of: question.channel, except: question.$author.id, now: ctx.now, on: ctx.db) {
                try await NotificationActions.notify(Notice(personID: personID, kind: "norm_nudge", promiseID: nil, params: [
                    "channel": question.channel.name, "author": question.author.name, "text": String(question.body.prefix(120)),
                    "href": SiteURL.thread(question.id!).path]), ctx)
            }
        })
    }

    static func activeMembers(of channel: Channel, except asker: UUID, now: Date, on db: any Database) async throws -> [UUID] {
        let members = try await ChannelMember.query(on: db).filter(\.$channel.$id == channel.id!).filter(\.$muted == false).all()
            .map { $0.$person.id }.filter { $0 != asker }
        guard !members.isEmpty else { return [] }
        let writers = try await Message.query(on: db).filter(\.$channel.$id == channel.id!).filter(\.$author.$id ~~ members)
            .filter(\.$createdAt >= now.addingTimeInterval(-activeWindow)).all().map { $0.$author.id }
        var seen: Set<UUID> = []
        return writers.filter { seen.insert($0).inserted }.prefix(maxNudged).map { $0 }
    }
}

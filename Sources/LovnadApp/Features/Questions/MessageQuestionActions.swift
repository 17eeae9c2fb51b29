import Fluent
import Vapor
import LovnadCore

/// A question asked in a channel becomes a question in one step: its author and time are kept, the
/// replies of others become answers and the asker's own replies comments. Who may see it follows the
/// channel: an engagement's channel gives an engagement question, a department's a department question,
/// an open topic channel everyone's; a private or direct conversation stays where it is.
enum MessageQuestionActions {
    struct Conversion {
        var skills: [String]
        var neededBy: String?
        var title: String?
    }

    static func convert(_ messageID: UUID, _ c: Conversion, actor: CurrentUser, app: Application) async throws -> QuestionActions.Asked {
        try await app.store.write { ctx in
            let db = ctx.db
            // Two conversions of one message take turns, so the second finds the first's question (409).
            try await ctx.lockRow(Message.schema, messageID)
            guard let message = try await Message.find(messageID, on: db), message.deletedAt == nil else {
                throw AppError.notFound("No such message")
            }
            let standing: ChannelAccess.Standing
            do { standing = try await ChannelAccess.visible(message.$channel.id, user: actor, on: db) } catch let error as AppError where error.status == .notFound {
                throw AppError.notFound("No such message")
            }
            guard message.$author.id == actor.id else { throw AppError.forbidden(.refuseOnlyAskerConverts) }
            guard message.threadID == nil, message.isQuestion else { throw AppError.conflict(.refuseNotAChannelQuestion) }
            if try await Question.query(on: db).filter(\.$sourceMessageID == messageID).count() > 0 {
                throw AppError.conflict(.refuseMessageIsQuestion)
            }
            let channel = standing.channel
            let visibility: QuestionVisibility
            switch channel.kind {
            case .engagement: visibility = .engagement
            // Another department's open channel is read by everyone already; one's own stays with the department.
            case .department where !channel.isPrivate:
                visibility = channel.$department.id == actor.person.$department.id ? .department : .everyone
            case .topic where !channel.isPrivate: visibility = .everyone
            default: throw AppError.conflict(.refusePrivateConversation)
            }
            let title = (c.title?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 }
                ?? Self.title(from: message.body)
            let replies = try await Message.query(on: db).filter(\.$threadID == messageID).filter(\.$deletedAt == nil)
                .sort(\.$seq).with(\.$author).all()
            // Answered in the channel already: nobody more needs asking.
            let answered = replies.contains { $0.$author.id != message.$author.id }
            let asked = try await QuestionActions.ask(.init(title: title, body: message.body, skills: c.skills, neededBy: c.neededBy,
                                                            visibility: visibility.rawValue, engagementID: channel.$engagement.id),
                                                      actor: actor, sourceMessage: message, routing: !answered, ctx)
            for reply in replies {
                if reply.$author.id == message.$author.id {
                    _ = try await AnswerActions.comment(asked.question, answerID: nil, body: reply.body, authorID: reply.$author.id,
                                                        at: reply.createdAt, ctx)
                } else {
                    _ = try await AnswerActions.answer(asked.question, body: reply.body, authorID: reply.$author.id,
                                                       authorName: reply.author.name, at: reply.createdAt, notify: false, ctx)
                }
            }
            return asked
        }
    }

    /// The message's first line, cut at a word to fit a title.
    static func title(from body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let limit = QuestionActions.titleLength.upperBound
        guard line.count > limit else { return line }
        let cut = line.prefix(limit - 1)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}

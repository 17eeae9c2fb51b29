import Foundation
import LovnadCore

/// A message checked and rendered, ready for `PostingActions` to write: one posted now, or one from the
/// past that an import brings. Both are rendered here, so an imported message reads as a posted one.
struct MessageDraft: Sendable {
    let id: UUID
    let channelID: UUID
    let threadID: UUID?
    let author: PersonRef
    let body: String
    let html: String
    let isQuestion: Bool
    let normDueAt: Date?
    let nudgeAt: Date?
    let mentioned: Set<UUID>
    /// Those named directly, who get a notice.
    let told: [UUID]
    let channelName: String
    let now: Date
}

extension MessageDraft {
    /// The body as HTML with the mentions that resolved; a root that asks something gets the channel's
    /// response norm, counted in working time from `now`.
    static func render(id: UUID = UUID(), channelID: UUID, channelName: String, normMinutes: Int, threadID: UUID?, author: PersonRef,
                       body: String, mentions: MessageActions.Mentions, now: Date, zone: TimeZone) -> MessageDraft {
        let isQuestion = threadID == nil && MessageRules.looksLikeQuestion(body)
        return MessageDraft(
            id: id, channelID: channelID, threadID: threadID, author: author, body: body,
            html: SafeMarkdown.html(body, mentions: mentions.handles), isQuestion: isQuestion,
            normDueAt: isQuestion ? ResponseNorm.deadline(from: now, workingMinutes: normMinutes, in: zone) : nil,
            nudgeAt: isQuestion ? ResponseNorm.nudgeAt(asked: now, workingMinutes: normMinutes, in: zone) : nil,
            mentioned: mentions.personIDs, told: mentions.direct, channelName: channelName, now: now)
    }
}

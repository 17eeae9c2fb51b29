import Foundation

/// A question's changes, kept in the event stream for what reads it by id (search indexing, later
/// digests); the people a change concerns hear of it through their notifications.
enum QuestionEvents {
    static func question(_ type: LiveEventType, _ id: UUID) -> LiveEventDraft {
        .stored(type, ["question_id": id.uuidString])
    }

    static func answer(_ type: LiveEventType, _ answer: Answer) -> LiveEventDraft {
        .stored(type, ["question_id": answer.$question.id.uuidString, "answer_id": answer.id?.uuidString ?? ""])
    }

    static func comment(_ comment: QuestionComment) -> LiveEventDraft {
        .stored(.questionCommented, ["question_id": comment.$question.id.uuidString, "comment_id": comment.id?.uuidString ?? ""])
    }
}

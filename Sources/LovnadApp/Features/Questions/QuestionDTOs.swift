import Vapor
import LovnadCore

struct SkillRef: Content {
    let id: UUID
    let name: String
}

struct QuestionDTO: Content {
    let id: UUID
    let title: String
    let body: String
    /// The body rendered by `SafeMarkdown`.
    let html: String
    let author: PersonRef
    let skills: [SkillRef]
    let neededBy: String
    /// When the asker needs the answer: the norm counted in working time from when it was asked.
    let dueAt: Date
    let visibility: String
    @NullEncoded var department: DepartmentRef?
    @NullEncoded var engagement: EngagementRef?
    let state: String
    let answerCount: Int
    @NullEncoded var acceptedAnswerId: UUID?
    @NullEncoded var firstAnswerAt: Date?
    @NullEncoded var claimedBy: PersonRef?
    @NullEncoded var claimedAt: Date?
    /// routed, more_experts or department_leader.
    let escalationStep: String
    @NullEncoded var nextStepAt: Date?
    @NullEncoded var sourceMessageId: UUID?
    let createdAt: Date
    let updatedAt: Date
}

/// Someone a question was put to, at which step and why, in the reader's language.
struct QuestionRouteDTO: Content {
    let person: PersonDTO
    let step: String
    let reasons: [String]
    let routedAt: Date
}

struct QuestionCreatedDTO: Content {
    let id: UUID
    let question: QuestionDTO
    let routedTo: [QuestionRouteDTO]
}

struct AnswerDTO: Content {
    let id: UUID
    let questionId: UUID
    let author: PersonRef
    let body: String
    let html: String
    let votes: Int
    /// Whether the reader has up-voted it.
    let voted: Bool
    let accepted: Bool
    @NullEncoded var verifier: PersonRef?
    @NullEncoded var confirmedAt: Date?
    /// Why its verifier is to check it now (`CheckReason`); null when it needs no check.
    @NullEncoded var checkReason: String?
    /// When its period runs out (accepted answers still standing only).
    @NullEncoded var checkDueAt: Date?
    @NullEncoded var outdatedAt: Date?
    @NullEncoded var outdatedReason: String?
    @NullEncoded var promiseId: UUID?
    let createdAt: Date
    @NullEncoded var editedAt: Date?
}

struct QuestionCommentDTO: Content {
    let id: UUID
    let questionId: UUID
    @NullEncoded var answerId: UUID?
    let author: PersonRef
    let body: String
    let createdAt: Date
}

struct QuestionDetailDTO: Content {
    let question: QuestionDTO
    let answers: [AnswerDTO]
    let comments: [QuestionCommentDTO]
    let routes: [QuestionRouteDTO]
}

/// An answered question like the one being typed.
struct SimilarQuestionDTO: Content {
    let id: UUID
    let title: String
    let answerCount: Int
    let accepted: Bool
    let url: String
}

/// One skill's knowledge health, over the questions the reader may see.
struct SkillHealthDTO: Content {
    let skill: SkillRef
    let asked: Int
    /// Share of its questions first answered by when the asker needed it; null when none was asked.
    @NullEncoded var answeredInTime: Double?
    @NullEncoded var medianMinutesToFirstAnswer: Int?
    @NullEncoded var medianMinutesToAccepted: Int?
    /// Active people at level 3 or above.
    let experts: Int
    /// Nobody at level 3 or above.
    let uncovered: Bool
    /// Accepted answers on it waiting for their verifier's check.
    let waitingChecks: Int
}

/// An accepted answer waiting for the reader's check.
struct AnswerCheckDTO: Content {
    let answerId: UUID
    let questionId: UUID
    let questionTitle: String
    let author: PersonRef
    /// `CheckReason`.
    let reason: String
    let confirmedAt: Date
    let url: String
}

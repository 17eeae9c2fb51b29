import Fluent
import Foundation
import LovnadCore

/// A question to the people who know: routed by its skills, due by when its asker needs the answer,
/// escalated while nobody answers.
final class Question: Model, @unchecked Sendable {
    static let schema = "questions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "author_id") var author: Person
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "html") var html: String
    /// `QuestionNeed`: hour, today or week.
    @Field(key: "need") var needText: String
    @Field(key: "due_at") var dueAt: Date
    /// `QuestionVisibility`: everyone, department or engagement.
    @Field(key: "visibility") var visibilityText: String
    /// The asker's department, for a question to it.
    @OptionalParent(key: "department_id") var department: Department?
    /// The engagement whose team alone may see it.
    @OptionalParent(key: "engagement_id") var engagement: Engagement?
    /// open, or resolved by the asker.
    @Field(key: "state") var state: String
    @OptionalField(key: "accepted_answer_id") var acceptedAnswerID: UUID?
    @OptionalField(key: "first_answer_at") var firstAnswerAt: Date?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    /// Who said "I'm on it", and when.
    @OptionalParent(key: "claimed_by") var claimedBy: Person?
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    /// `QuestionEscalation.Step` reached, and when the next is due (nil when none is).
    @Field(key: "escalation_step") var escalationStep: Int
    @OptionalField(key: "next_step_at") var nextStepAt: Date?
    /// The channel message it was made from, if it was.
    @OptionalField(key: "source_message_id") var sourceMessageID: UUID?
    @Field(key: "answer_count") var answerCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    static let open = "open"
    static let resolved = "resolved"

    init() {}

    init(id: UUID? = nil, authorID: UUID, title: String, body: String, html: String, need: QuestionNeed, dueAt: Date,
         visibility: QuestionVisibility, departmentID: UUID?, engagementID: UUID?, now: Date) {
        self.id = id
        self.$author.id = authorID
        self.title = title
        self.body = body
        self.html = html
        self.needText = need.rawValue
        self.dueAt = dueAt
        self.visibilityText = visibility.rawValue
        self.$department.id = departmentID
        self.$engagement.id = engagementID
        self.state = Self.open
        self.escalationStep = QuestionEscalation.Step.routed.rawValue
        self.answerCount = 0
        self.createdAt = now
        self.updatedAt = now
    }

    var need: QuestionNeed { QuestionNeed(rawValue: needText) ?? .today }
    var visibility: QuestionVisibility { QuestionVisibility(rawValue: visibilityText) ?? .everyone }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $author, $title, $body, $html, $needText, $dueAt, $visibilityText, $department, $engagement, $state, $acceptedAnswerID,
         $firstAnswerAt, $acceptedAt, $resolvedAt, $claimedBy, $claimedAt, $escalationStep, $nextStepAt, $sourceMessageID,
         $answerCount, $createdAt, $updatedAt]
    }
}

/// A skill a question is tagged with.
final class QuestionSkill: Model, @unchecked Sendable {
    static let schema = "question_skills"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @Parent(key: "skill_id") var skill: Skill

    init() {}

    init(questionID: UUID, skillID: UUID) {
        self.$question.id = questionID
        self.$skill.id = skillID
    }

    var properties: [any AnyProperty] { [$id, $question, $skill] }
}

/// Someone a question was routed to, at which step, and why.
final class QuestionRoute: Model, @unchecked Sendable {
    static let schema = "question_routes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @Parent(key: "person_id") var person: Person
    /// `QuestionEscalation.Step`.
    @Field(key: "step") var step: Int
    /// The reasons as JSON (`[RoutingReason]`), rendered in each reader's language.
    @Field(key: "reasons") var reasons: String
    @Field(key: "routed_at") var routedAt: Date

    init() {}

    init(questionID: UUID, personID: UUID, step: QuestionEscalation.Step, reasons: String, now: Date) {
        self.$question.id = questionID
        self.$person.id = personID
        self.step = step.rawValue
        self.reasons = reasons
        self.routedAt = now
    }

    var properties: [any AnyProperty] { [$id, $question, $person, $step, $reasons, $routedAt] }
}

/// An answer to a question; once accepted, knowledge with an accountable verifier who keeps it true.
final class Answer: Model, @unchecked Sendable {
    static let schema = "answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @Parent(key: "author_id") var author: Person
    @Field(key: "body") var body: String
    @Field(key: "html") var html: String
    @Field(key: "votes") var votes: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// Who keeps it true once accepted.
    @OptionalParent(key: "verifier_id") var verifier: Person?
    /// When it was accepted or last confirmed: its check period runs from then.
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// `CheckReason` recorded when something it rests on changed.
    @OptionalField(key: "check_reason") var checkReason: String?
    @OptionalField(key: "outdated_at") var outdatedAt: Date?
    @OptionalField(key: "outdated_reason") var outdatedReason: String?
    /// The promise made from it ("I'll find out by Friday").
    @OptionalField(key: "promise_id") var promiseID: UUID?

    init() {}

    init(id: UUID? = nil, questionID: UUID, authorID: UUID, body: String, html: String, now: Date) {
        self.id = id
        self.$question.id = questionID
        self.$author.id = authorID
        self.body = body
        self.html = html
        self.votes = 0
        self.createdAt = now
    }

    var properties: [any AnyProperty] {
        [$id, $question, $author, $body, $html, $votes, $createdAt, $editedAt, $verifier, $confirmedAt, $checkReason, $outdatedAt,
         $outdatedReason, $promiseID]
    }
}

/// One person's up-vote on an answer.
final class AnswerVote: Model, @unchecked Sendable {
    static let schema = "answer_votes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "answer_id") var answer: Answer
    @Parent(key: "person_id") var person: Person
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(answerID: UUID, personID: UUID, now: Date) {
        self.$answer.id = answerID
        self.$person.id = personID
        self.createdAt = now
    }

    var properties: [any AnyProperty] { [$id, $answer, $person, $createdAt] }
}

/// A comment on a question, or on one of its answers.
final class QuestionComment: Model, @unchecked Sendable {
    static let schema = "question_comments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @OptionalParent(key: "answer_id") var answer: Answer?
    @Parent(key: "author_id") var author: Person
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(questionID: UUID, answerID: UUID?, authorID: UUID, body: String, now: Date) {
        self.$question.id = questionID
        self.$answer.id = answerID
        self.$author.id = authorID
        self.body = body
        self.createdAt = now
    }

    var properties: [any AnyProperty] { [$id, $question, $answer, $author, $body, $createdAt] }
}

/// Someone who wants to hear of new questions on a skill.
final class SkillFollower: Model, @unchecked Sendable {
    static let schema = "skill_followers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "skill_id") var skill: Skill
    @Parent(key: "person_id") var person: Person
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(skillID: UUID, personID: UUID, now: Date) {
        self.$skill.id = skillID
        self.$person.id = personID
        self.createdAt = now
    }

    var properties: [any AnyProperty] { [$id, $skill, $person, $createdAt] }
}

import Fluent
import Foundation
import Testing
@testable import LovnadApp

/// Each model lists its properties by hand (Fluent would otherwise find them by reflection for every
/// row it reads, which was a third of the time of a list of 500 people). The list must be exactly what
/// reflection finds, in the same order, or fields would silently go unread or unwritten.
@Suite struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        UserSession.self, APIToken.self, LoginAttempt.self, AuditEntry.self, Channel.self, ChannelMember.self, Message.self,
        MessageMention.self, Reaction.self, ThreadFollow.self, Department.self, Customer.self, CustomerContact.self, Engagement.self,
        EngagementMember.self, HandoverRevision.self, HandoverReview.self, LogEntry.self, OnboardingTemplateItem.self,
        OnboardingItem.self, JobRecord.self, AppNotification.self, CalendarFeed.self, Person.self, Promise.self,
        PromiseTransition.self, Skill.self, SkillSynonym.self, PersonSkill.self, Endorsement.self, StoredLiveEvent.self,
        EngagementSkill.self, Question.self, QuestionSkill.self, QuestionRoute.self, Answer.self, AnswerVote.self, QuestionComment.self, SkillFollower.self,
    ]

    @Test func everyModelListsExactlyTheWrappersReflectionFinds() {
        for type in Self.models {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
            let listed = model.properties
            #expect(listed.count == reflected.count, "\(type)")
            #expect(zip(listed, reflected).allSatisfy { $0 === $1 }, "\(type)")
        }
    }

    @Test func everyModelInTheSourcesIsChecked() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LovnadApp")
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /final class (\w+): Model\b/) { declared.insert(String(match.1)) }
        }
        #expect(declared.count > 20)
        #expect(declared == Set(Self.models.map { String(describing: $0) }))
    }
}

import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

@Suite struct SiteURLTests {
    /// One example of every case; `method(of:)` switches over them all, so a new case cannot be left out.
    static let examples: [SiteURL] = {
        let a = UUID(), b = UUID()
        return [
            .home, .login, .logout, .people, .person(a), .endorsement(person: a, skill: b, endorse: true),
            .endorsement(person: a, skill: b, endorse: false), .myProfile, .myPassword, .mySkills, .skills, .skill(a), .skillEdit(a),
            .experts, .tokens, .tokenRevoke(a), .adminUsers, .adminAudit, .adminOnboarding, .customers, .engagements, .engagement(a),
            .promises, .promise(a), .promiseRatio, .promiseCalendarRevoke, .promiseTransitions(a), .promiseConfirmation(a),
            .channels, .directChannel, .channel(a), .thread(a), .threadFollowing(a, follow: true), .threadFollowing(a, follow: false),
            .notifications, .notificationsRead, .notificationRead(a), .questions, .askQuestion, .question(a),
            .skillMerge(a), .knowledge, .knowledgeChecks, .search,
        ]
        + [SiteURL.QuestionAction.answers, .comments, .claim, .unclaim, .resolve].map { .questionAction(a, $0) }
        + [SiteURL.AnswerAction.accept, .votes, .promise, .confirm, .outdated, .edit].map { .answerAction(a, $0) }
        + [SiteURL.UserAction.roles, .deactivate, .reactivate, .password].map { .adminUser(a, $0) }
        + [SiteURL.ChannelAction.join, .leave, .mute, .unmute, .messages, .settings].map { .channelAction(a, $0) }
        + [SiteURL.MessageAction.react, .delete, .pin, .unpin, .edit].map { .messageAction(a, $0) }
        + [SiteURL.EngagementAction.transition, .review, .staff, .log, .handover, .handoverEdit, .onboardingItem(b),
           .expectationPromise("x-1"), .logEntryPromise(b)].map { .engagementAction(a, $0) }
    }()

    /// The method a page uses the URL with: links are GETs, form targets POSTs.
    static func methods(of url: SiteURL) -> [HTTPMethod] {
        switch url {
        case .home, .people, .person, .skillEdit, .experts, .adminAudit, .engagement, .promise, .promiseRatio, .channel, .thread,
             .notifications, .asset, .askQuestion, .question, .knowledge, .knowledgeChecks, .search:
            [.GET]
        case .login, .myProfile, .mySkills, .skills, .tokens, .adminUsers, .adminOnboarding, .customers, .engagements, .promises, .channels,
             .questions:
            [.GET, .POST]
        case .logout, .endorsement, .myPassword, .skill, .tokenRevoke, .adminUser, .promiseCalendarRevoke, .promiseTransitions,
             .promiseConfirmation, .directChannel, .channelAction, .threadFollowing, .notificationsRead, .notificationRead,
             .questionAction, .answerAction, .skillMerge:
            [.POST]
        case .messageAction(_, let action):
            action == .edit ? [.GET, .POST] : [.POST]
        case .engagementAction(_, let action):
            action == .handoverEdit ? [.GET] : [.POST]
        }
    }

    @Test func everyURLIsARouteOfTheApp() async throws {
        try await withLovnad { app in
            let routes = app.routes.all
            var unrouted: [String] = []
            for url in Self.examples {
                let parts = url.path.split(separator: "/").map(String.init)
                for method in Self.methods(of: url) {
                    let found = routes.contains { route in
                        route.method == method && route.path.count == parts.count && zip(route.path, parts).allSatisfy { component, part in
                            if case .constant(let c) = component { return c == part }
                            return true
                        }
                    }
                    if !found { unrouted.append("\(method) \(url.path)") }
                }
            }
            #expect(unrouted.isEmpty, "no route for \(unrouted)")
            let asset = try await app.testing().sendRequest(.GET, SiteURL.asset("app.css").path)
            #expect(asset.status == .ok)
        }
    }

    @Test func queriesAndAnchorsAreEncodedAndEmptyValuesLeftOut() throws {
        let id = try #require(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF"))
        #expect(SiteURL.person(id).path == "/people/6F9619FF-8B86-D011-B42D-00C04FC964FF")
        #expect(SiteURL.experts.with(["skill": "C# & \"Go\"/ø"]) == "/experts?skill=C%23%20%26%20%22Go%22%2F%C3%B8")
        #expect(SiteURL.promises.with(["view": "mine", "cursor": nil, "q": ""], anchor: "calendar") == "/promises?view=mine#calendar")
        #expect(SiteURL.engagementAction(id, .expectationPromise("a/b?c")).path.hasSuffix("/expectations/a%2Fb%3Fc/promise"))
        #expect(SiteURL.engagementAction(id, .expectationPromise("Møte 1")).path.hasSuffix("/expectations/M%C3%B8te%201/promise"))
        #expect(SiteURL.experts.with(["skill": "Kubernetes_1.2-x~"]) == "/experts?skill=Kubernetes_1.2-x~")
        #expect(SiteURL.message(id, channel: id, thread: nil) == "/channels/\(id)#m-\(id)")
        #expect(SiteURL.message(id, channel: id, thread: id) == "/threads/\(id)#m-\(id)")
    }
}

import Foundation

/// Every page and form target of the web UI, so that no view, redirect or notice spells a path by hand.
/// `SiteURLTests` resolves each case against the registered routes.
enum SiteURL: Hashable, Sendable {
    case home, login, logout
    case asset(String)
    case people, person(UUID), endorsement(person: UUID, skill: UUID, endorse: Bool)
    case myProfile, myPassword, mySkills
    case skills, skill(UUID), skillEdit(UUID), skillMerge(UUID)
    case experts
    case tokens, tokenRevoke(UUID)
    case adminUsers, adminUser(UUID, UserAction), adminAudit, adminOnboarding
    case customers
    case engagements, engagement(UUID), engagementAction(UUID, EngagementAction)
    case promises, promise(UUID), promiseRatio, promiseCalendarRevoke, promiseTransitions(UUID), promiseConfirmation(UUID)
    case channels, directChannel, channel(UUID), channelAction(UUID, ChannelAction)
    case thread(UUID), threadFollowing(UUID, follow: Bool)
    case messageAction(UUID, MessageAction)
    case notifications, notificationsRead, notificationRead(UUID)
    case questions, askQuestion, question(UUID), questionAction(UUID, QuestionAction), answerAction(UUID, AnswerAction)
    case knowledge, knowledgeChecks
    case search

    enum UserAction: String, Sendable { case roles, deactivate, reactivate, password }
    enum ChannelAction: String, Sendable { case join, leave, mute, unmute, messages, settings }
    enum MessageAction: String, Sendable { case react, delete, pin, unpin, edit }
    enum QuestionAction: String, Sendable { case answers, comments, claim, unclaim, resolve }
    enum AnswerAction: String, Sendable { case accept, votes, promise, confirm, outdated, edit }

    enum EngagementAction: Hashable, Sendable {
        case transition, review, staff, deliveryLead, log, handover, handoverEdit
        case onboardingItem(UUID), expectationPromise(String), logEntryPromise(UUID)

        var segments: [String] {
            switch self {
            case .transition: ["transition"]
            case .review: ["review"]
            case .staff: ["staff"]
            case .deliveryLead: ["delivery-lead"]
            case .log: ["log"]
            case .handover: ["handover"]
            case .handoverEdit: ["handover", "edit"]
            case .onboardingItem(let item): ["onboarding", item.uuidString]
            case .expectationPromise(let x): ["expectations", x, "promise"]
            case .logEntryPromise(let entry): ["log", entry.uuidString, "promise"]
            }
        }
    }

    private var segments: [String] {
        switch self {
        case .home: []
        case .login: ["login"]
        case .logout: ["logout"]
        case .asset(let file): ["assets", file]
        case .people: ["people"]
        case .person(let id): ["people", id.uuidString]
        case .endorsement(let person, let skill, let endorse): ["people", person.uuidString, "skills", skill.uuidString, endorse ? "endorse" : "unendorse"]
        case .myProfile: ["me", "profile"]
        case .myPassword: ["me", "password"]
        case .mySkills: ["me", "skills"]
        case .skills: ["skills"]
        case .skill(let id): ["skills", id.uuidString]
        case .skillEdit(let id): ["skills", id.uuidString, "edit"]
        case .skillMerge(let id): ["skills", id.uuidString, "merge"]
        case .experts: ["experts"]
        case .tokens: ["settings", "tokens"]
        case .tokenRevoke(let id): ["settings", "tokens", id.uuidString, "revoke"]
        case .adminUsers: ["admin", "users"]
        case .adminUser(let id, let action): ["admin", "users", id.uuidString, action.rawValue]
        case .adminAudit: ["admin", "audit"]
        case .adminOnboarding: ["admin", "onboarding"]
        case .customers: ["customers"]
        case .engagements: ["engagements"]
        case .engagement(let id): ["engagements", id.uuidString]
        case .engagementAction(let id, let action): ["engagements", id.uuidString] + action.segments
        case .promises: ["promises"]
        case .promise(let id): ["promises", id.uuidString]
        case .promiseRatio: ["promises", "ratio"]
        case .promiseCalendarRevoke: ["promises", "calendar", "revoke"]
        case .promiseTransitions(let id): ["promises", id.uuidString, "transitions"]
        case .promiseConfirmation(let id): ["promises", id.uuidString, "confirmation"]
        case .channels: ["channels"]
        case .directChannel: ["channels", "direct"]
        case .channel(let id): ["channels", id.uuidString]
        case .channelAction(let id, let action): ["channels", id.uuidString, action.rawValue]
        case .thread(let id): ["threads", id.uuidString]
        case .threadFollowing(let id, let follow): ["threads", id.uuidString, follow ? "follow" : "unfollow"]
        case .messageAction(let id, let action): ["messages", id.uuidString, action.rawValue]
        case .notifications: ["notifications"]
        case .notificationsRead: ["notifications", "read"]
        case .notificationRead(let id): ["notifications", id.uuidString, "read"]
        case .questions: ["questions"]
        case .askQuestion: ["questions", "new"]
        case .question(let id): ["questions", id.uuidString]
        case .questionAction(let id, let action): ["questions", id.uuidString, action.rawValue]
        case .answerAction(let id, let action): ["answers", id.uuidString, action.rawValue]
        case .knowledge: ["knowledge"]
        case .knowledgeChecks: ["knowledge", "checks"]
        case .search: ["search"]
        }
    }

    /// The site-relative path, e.g. `/people/6F…`.
    var path: String {
        "/" + segments.map { Self.encode($0, Self.segmentAllowed) }.joined(separator: "/")
    }

    /// The path with a query (empty and missing values left out, each percent-encoded) and a fragment.
    func with(_ query: KeyValuePairs<String, String?> = [:], anchor: String? = nil) -> String {
        let pairs = query.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(Self.encode(key))=\(Self.encode(value))"
        }
        return path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")) + (anchor.map { "#" + Self.encode($0) } ?? "")
    }

    /// A message in its place: its thread's page for a reply, its channel's page at the message for a root.
    static func message(_ id: UUID, channel: UUID, thread: UUID?) -> String {
        if let thread { return SiteURL.thread(thread).with(anchor: "m-\(id)") }
        return SiteURL.channel(channel).with(anchor: "m-\(id)")
    }

    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
    private static let queryAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    private static func encode(_ s: String) -> String { encode(s, queryAllowed) }

    /// Ids and plain words (ASCII letters, digits, `-._~`) are allowed everywhere and pass as they are:
    /// Foundation's percent-encoding was a tenth of a page of fifty messages, nearly all of it on ids.
    private static func encode(_ s: String, _ allowed: CharacterSet) -> String {
        let plain = s.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E
        }
        return plain ? s : s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

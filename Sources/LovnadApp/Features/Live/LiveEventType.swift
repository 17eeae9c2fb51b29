import Foundation

/// Every event the stream carries: its name, who it is delivered to, and the keys of its data. The
/// one list of them — actions can emit no other (`LiveEventDraft` takes one of these), and the
/// OpenAPI document's `x-events` on `/api/v1/live` is tested against it.
enum LiveEventType: String, CaseIterable, Sendable {
    case messageCreated = "message.created"
    case messageEdited = "message.edited"
    case messageDeleted = "message.deleted"
    case messagePinned = "message.pinned"
    case messageUnpinned = "message.unpinned"
    case reactionAdded = "reaction.added"
    case reactionRemoved = "reaction.removed"
    case unreadChanged = "unread.changed"
    case threadFollowed = "thread.followed"
    case threadUnfollowed = "thread.unfollowed"
    case threadRead = "thread.read"
    case channelMemberAdded = "channel.member_added"
    case channelMemberRemoved = "channel.member_removed"
    case channelUpdated = "channel.updated"
    case channelMuted = "channel.muted"
    case channelUnmuted = "channel.unmuted"
    case notificationCreated = "notification.created"
    case notificationRead = "notification.read"
    case accessRevoked = "access.revoked"
    case engagementCreated = "engagement.created"
    case engagementUpdated = "engagement.updated"
    case engagementTransitioned = "engagement.transitioned"
    case engagementStaffed = "engagement.staffed"
    case handoverSaved = "handover.saved"
    case handoverReviewed = "handover.reviewed"
    case onboardingTicked = "onboarding.ticked"
    case logAppended = "log.appended"
    case promiseCreated = "promise.created"
    case promiseMade = "promise.made"
    case promiseKept = "promise.kept"
    case promiseBroken = "promise.broken"
    case promiseRenegotiated = "promise.renegotiated"
    case promiseReleased = "promise.released"
    case promiseDraft = "promise.draft"
    case promiseConfirmed = "promise.confirmed"
    case promiseDisputed = "promise.disputed"
    case personCreated = "person.created"
    case personUpdated = "person.updated"
    case personImported = "person.imported"
    case personDeactivated = "person.deactivated"
    case personReactivated = "person.reactivated"
    case personSkillsChanged = "person.skills_changed"
    case endorsementAdded = "endorsement.added"
    case endorsementRemoved = "endorsement.removed"
    case calendarRevoked = "calendar.revoked"
    case skillCreated = "skill.created"
    case skillUpdated = "skill.updated"
    case skillMerged = "skill.merged"
    case customerCreated = "customer.created"
    case questionCreated = "question.created"
    case questionUpdated = "question.updated"
    case questionCommented = "question.commented"
    case answerCreated = "answer.created"
    case answerUpdated = "answer.updated"

    enum Audience: String {
        /// The channel's members (and, for membership changes, the person added or removed).
        case channel
        /// The one person the event names.
        case person
        /// Kept in the stream for what reads it by id; delivered to no connection.
        case stored
    }

    var audience: Audience {
        switch self {
        case .messageCreated, .messageEdited, .messageDeleted, .messagePinned, .messageUnpinned, .reactionAdded, .reactionRemoved,
             .channelMemberAdded, .channelMemberRemoved, .channelUpdated:
            return .channel
        case .skillCreated, .skillUpdated, .skillMerged, .customerCreated, .questionCreated, .questionUpdated, .questionCommented, .answerCreated,
             .answerUpdated:
            return .stored
        default:
            return .person
        }
    }

    /// The keys of the event's data (a message's are the Message schema's).
    var data: [String] {
        switch self {
        case .messageCreated, .messageEdited, .messageDeleted, .messagePinned, .messageUnpinned: return ["Message"]
        case .reactionAdded, .reactionRemoved: return ["message_id", "channel_id", "thread_id", "emoji", "person_id", "count"]
        case .unreadChanged: return ["Unread"]
        case .threadFollowed, .threadUnfollowed: return ["thread_id", "channel_id"]
        case .threadRead: return ["thread_id"]
        case .channelMemberAdded, .channelMemberRemoved: return ["channel_id", "person_id"]
        case .channelUpdated, .channelMuted, .channelUnmuted: return ["channel_id"]
        case .notificationCreated: return ["id", "kind", "href"]
        case .notificationRead: return ["id", "unread"]
        case .accessRevoked: return ["session_id", "token_id"]
        case .engagementCreated: return ["engagement_id", "status"]
        case .engagementUpdated: return ["engagement_id", "status", "delivery_lead_id"]
        case .engagementTransitioned: return ["engagement_id", "status", "from", "to"]
        case .engagementStaffed: return ["engagement_id", "status", "person_id", "profile_id"]
        case .handoverSaved: return ["engagement_id", "status", "revision"]
        case .handoverReviewed: return ["engagement_id", "status", "revision", "signed_off"]
        case .onboardingTicked: return ["engagement_id", "status", "item_id", "person_id", "done"]
        case .logAppended: return ["engagement_id", "status", "entry_id"]
        case .promiseCreated, .promiseMade, .promiseKept, .promiseBroken, .promiseRenegotiated, .promiseReleased, .promiseDraft,
             .promiseConfirmed, .promiseDisputed:
            return ["promise_id", "owner_id", "state", "due"]
        case .personCreated, .personUpdated, .personImported, .personDeactivated, .personReactivated, .personSkillsChanged,
             .calendarRevoked:
            return ["person_id"]
        case .endorsementAdded, .endorsementRemoved: return ["person_id", "skill_id", "endorser_id"]
        case .skillCreated, .skillUpdated: return ["skill_id"]
        case .skillMerged: return ["skill_id", "into_id"]
        case .customerCreated: return ["customer_id"]
        case .questionCreated, .questionUpdated: return ["question_id"]
        case .questionCommented: return ["question_id", "comment_id"]
        case .answerCreated, .answerUpdated: return ["question_id", "answer_id"]
        }
    }

    /// The step a promise took, as its event.
    static func promise(_ state: String) -> LiveEventType { LiveEventType(rawValue: "promise.\(state)") ?? .promiseMade }
}

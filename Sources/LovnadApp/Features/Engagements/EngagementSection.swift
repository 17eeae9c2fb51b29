import LovnadCore

/// The parts of an engagement's page, each at its own anchor. A form posts to its part's anchor, so that
/// after the action (or its refusal) the reader is back where they were, with the outcome shown there.
enum EngagementSection: String, CaseIterable, Sendable {
    case overview, handover, team, onboarding, log, promises

    var label: L {
        switch self {
        case .overview: .overviewHeading
        case .handover: .handoverHeading
        case .team: .teamAndStaffing
        case .onboarding: .onboardingHeading
        case .log: .logHeading
        case .promises: .engagementPromises
        }
    }

    /// What a finished form post says, and in which part, by the `done` value it redirects with.
    static let done: [String: (section: EngagementSection, text: L)] = [
        "transition": (.overview, .doneTransition), "review": (.handover, .doneReview), "handover": (.handover, .doneHandover),
        "staffed": (.team, .doneStaffed), "delivery_lead": (.overview, .doneDeliveryLead), "onboarding": (.onboarding, .doneOnboarding), "logged": (.log, .doneLogged),
    ]

    /// The outcome of the last form post, shown at the top of the part it was done in.
    struct Notice {
        let section: EngagementSection
        let text: String
        let isProblem: Bool
    }
}

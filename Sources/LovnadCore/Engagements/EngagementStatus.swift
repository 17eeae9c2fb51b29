/// An engagement's life: lead → won → handover → delivery → closed, or lost from lead or won.
public enum EngagementStatus: String, CaseIterable, Codable, Sendable {
    case lead, won, handover, delivery, closed, lost

    public var isFinal: Bool { self == .closed || self == .lost }
}

/// What a transition needs besides being a legal step.
public struct TransitionFacts: Sendable, Equatable {
    public var hasDeliveryLead: Bool
    /// Checklist items of the handover readiness that are not yet met (by id).
    public var unmetReadiness: [String]
    public var reviewSignedOff: Bool
    /// A leader's override of readiness and sign-off, with its reason.
    public var overrideReason: String?
    public var reason: String?

    public init(hasDeliveryLead: Bool = false, unmetReadiness: [String] = [], reviewSignedOff: Bool = false,
                overrideReason: String? = nil, reason: String? = nil) {
        self.hasDeliveryLead = hasDeliveryLead
        self.unmetReadiness = unmetReadiness
        self.reviewSignedOff = reviewSignedOff
        self.overrideReason = overrideReason
        self.reason = reason
    }
}

public enum TransitionRefusal: Error, Equatable, Sendable {
    /// Not a step the engagement can take from where it is.
    case notAllowed(from: EngagementStatus, to: EngagementStatus)
    /// A legal step, but these are missing first.
    case missing([String])
}

public enum EngagementTransitions {
    public static let steps: [EngagementStatus: Set<EngagementStatus>] = [
        .lead: [.won, .lost],
        .won: [.handover, .lost],
        .handover: [.delivery],
        .delivery: [.closed],
        .closed: [],
        .lost: [],
    ]

    /// Nil when the step may be taken; otherwise why not, naming what is missing.
    public static func refusal(from: EngagementStatus, to: EngagementStatus, facts: TransitionFacts) -> TransitionRefusal? {
        guard steps[from]?.contains(to) == true else { return .notAllowed(from: from, to: to) }
        var missing: [String] = []
        switch to {
        case .handover:
            if !facts.hasDeliveryLead { missing.append("delivery_lead") }
        case .delivery:
            let overridden = !(facts.overrideReason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
            if !overridden {
                missing.append(contentsOf: facts.unmetReadiness.map { "readiness.\($0)" })
                if !facts.reviewSignedOff { missing.append("review_signed_off") }
            }
        case .lost:
            if facts.reason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { missing.append("reason") }
        case .lead, .won, .closed:
            break
        }
        return missing.isEmpty ? nil : .missing(missing)
    }
}

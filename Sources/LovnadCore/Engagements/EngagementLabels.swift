/// The words for an engagement's codes, one place for pages and log lines alike.
extension EngagementStatus {
    public var label: L {
        switch self {
        case .lead: .statusLead
        case .won: .statusWon
        case .handover: .statusHandover
        case .delivery: .statusDelivery
        case .closed: .statusClosed
        case .lost: .statusLost
        }
    }
}

extension HandoverPackage.Section {
    public var label: L {
        switch self {
        case .offer: .readyOffer
        case .needs: .readyNeeds
        case .expectations: .readyExpectations
        case .estimates: .readyEstimates
        case .timeline: .readyTimeline
        case .profiles: .readyProfiles
        case .risks: .readyRisks
        case .contacts: .readyContacts
        case .history: .readyHistory
        }
    }
}

extension Readiness.Item {
    public var label: L {
        switch self {
        case .offer: .readyOffer
        case .needs: .readyNeeds
        case .expectations: .readyExpectations
        case .expectationsSettled: .readyExpectationsSettled
        case .estimates: .readyEstimates
        case .timeline: .readyTimeline
        case .estimatesInTimeline: .readyEstimatesInTimeline
        case .profiles: .readyProfiles
        case .profilesStaffed: .readyProfilesStaffed
        case .risks: .readyRisks
        case .contacts: .readyContacts
        case .history: .readyHistory
        }
    }
}

extension HandoverPackage.Level {
    public var label: L {
        switch self { case .low: .levelLow; case .medium: .levelMedium; case .high: .levelHigh }
    }
}

extension HandoverPackage.PriceModel {
    public var label: L {
        switch self { case .fixed: .priceFixed; case .hourly: .priceHourly; case .capped: .priceCapped; case .subscription: .priceSubscription }
    }
}

extension HandoverPackage.HistoryNote.Kind {
    public var label: L {
        switch self { case .meeting: .historyMeeting; case .caresAbout: .historyCaresAbout; case .said: .historySaid }
    }
}

/// The tags Lovnad itself puts on the log lines it writes; stored as codes, shown and searched in words.
public enum SystemLogTag: String, CaseIterable, Sendable {
    case handover, staffing, promise

    public var label: L {
        switch self { case .handover: .tagHandover; case .staffing: .tagStaffing; case .promise: .tagPromise }
    }

    /// A tag as stored, from what a reader typed: a system tag's word in either language finds its code.
    public static func code(for typed: String) -> String {
        let key = typed.lowercased()
        return allCases.first { tag in AppLocale.allCases.contains { Localizer($0)(tag.label).lowercased() == key } }?.rawValue ?? key
    }

    /// A stored tag in the reader's words.
    public static func text(_ tag: String, _ t: Localizer) -> String { SystemLogTag(rawValue: tag).map { t($0.label) } ?? tag }
}

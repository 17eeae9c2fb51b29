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

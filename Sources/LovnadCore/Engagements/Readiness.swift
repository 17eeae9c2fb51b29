/// The handover readiness checklist: what must be in the package before delivery can start.
public enum Readiness {
    public enum Item: String, CaseIterable, Sendable {
        case offer, needs, expectations, expectationsSettled = "expectations_settled", estimates, timeline
        case estimatesInTimeline = "estimates_in_timeline", profiles, profilesStaffed = "profiles_staffed"
        case risks, contacts, history
    }

    public struct Check: Equatable, Sendable {
        public let item: Item
        public let passed: Bool
        /// What is lacking, for the page: names of unsettled expectations, unstaffed profiles, lines outside the timeline.
        public let lacking: [String]
    }

    public static func checklist(_ p: HandoverPackage) -> [Check] {
        let timeline = p.timeline.range
        func check(_ item: Item, _ lacking: [String], passed: Bool? = nil) -> Check {
            Check(item: item, passed: passed ?? lacking.isEmpty, lacking: lacking)
        }
        let unsettled = p.expectations.filter { !$0.isSettled }.map(\.text)
        let unstaffed = p.profiles.filter { ($0.staffedPersonId ?? "").isEmpty }.map(\.role)
        var outside: [String] = []
        if let timeline {
            for line in p.estimates {
                if let s = line.start, !timeline.contains(s) { outside.append(line.phase) } else if let e = line.end, !timeline.contains(e) { outside.append(line.phase) }
            }
            outside += p.timeline.milestones.filter { !timeline.contains($0.date) }.map(\.title)
            for profile in p.profiles {
                if let s = profile.start, !timeline.contains(s) { outside.append(profile.role) } else if let e = profile.end, !timeline.contains(e) { outside.append(profile.role) }
            }
        }
        let offerFilled = !p.offer.scope.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && p.offer.priceModel != nil
        return [
            check(.offer, [], passed: offerFilled),
            check(.needs, [], passed: !p.needs.isEmpty),
            check(.expectations, [], passed: !p.expectations.isEmpty),
            check(.expectationsSettled, unsettled),
            check(.estimates, [], passed: p.estimates.contains { $0.hours > 0 }),
            check(.timeline, [], passed: timeline != nil),
            check(.estimatesInTimeline, outside, passed: timeline != nil && outside.isEmpty),
            check(.profiles, [], passed: !p.profiles.isEmpty),
            check(.profilesStaffed, unstaffed, passed: !p.profiles.isEmpty && unstaffed.isEmpty),
            check(.risks, [], passed: !p.risks.isEmpty),
            check(.contacts, [], passed: !p.contacts.isEmpty),
            check(.history, [], passed: !p.history.isEmpty),
        ]
    }

    /// The ids of the items not met, as transitions name them.
    public static func unmet(_ p: HandoverPackage) -> [String] {
        checklist(p).filter { !$0.passed }.map(\.item.rawValue)
    }
}

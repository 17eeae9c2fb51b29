/// What sales hands to delivery: everything beyond the offer text that a good start needs.
/// Stored whole as one revision per edit; its rules (validation, readiness, changes) live here.
public struct HandoverPackage: Codable, Equatable, Sendable {
    public enum Level: String, Codable, CaseIterable, Sendable { case low, medium, high }
    public enum PriceModel: String, Codable, CaseIterable, Sendable { case fixed, hourly, capped, subscription }

    public struct Offer: Codable, Equatable, Sendable {
        public var scope: String = ""
        public var outOfScope: String = ""
        public var priceModel: PriceModel?
        /// In whole kroner.
        public var value: Int?
        public init() {}
    }

    public struct Item: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        public init(id: String, text: String) { self.id = id; self.text = text }
    }

    public struct Expectation: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        /// Set when the expectation is deliberately not a promise, and why.
        public var notAPromiseReason: String?
        /// Set when it has become a promise in the ledger.
        public var promiseId: String?
        public init(id: String, text: String, notAPromiseReason: String? = nil, promiseId: String? = nil) {
            self.id = id; self.text = text; self.notAPromiseReason = notAPromiseReason; self.promiseId = promiseId
        }

        public var isSettled: Bool {
            promiseId != nil || !(notAPromiseReason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        }
    }

    public struct EstimateLine: Codable, Equatable, Sendable {
        public var id: String
        public var phase: String
        public var hours: Int
        public var assumptions: String = ""
        public var confidence: Level = .medium
        public var start: Day?
        public var end: Day?
        public init(id: String, phase: String, hours: Int, assumptions: String = "", confidence: Level = .medium, start: Day? = nil, end: Day? = nil) {
            self.id = id; self.phase = phase; self.hours = hours; self.assumptions = assumptions
            self.confidence = confidence; self.start = start; self.end = end
        }
    }

    public struct Milestone: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var date: Day
        public init(id: String, title: String, date: Day) { self.id = id; self.title = title; self.date = date }
    }

    public struct Timeline: Codable, Equatable, Sendable {
        public var start: Day?
        public var end: Day?
        public var milestones: [Milestone] = []
        public init(start: Day? = nil, end: Day? = nil, milestones: [Milestone] = []) {
            self.start = start; self.end = end; self.milestones = milestones
        }

        public var range: DayRange? {
            guard let start, let end else { return nil }
            return DayRange(start: start, end: end)
        }
    }

    public struct SkillRequirement: Codable, Equatable, Sendable {
        public var skill: String
        public var minimumLevel: Int
        public init(skill: String, minimumLevel: Int) { self.skill = skill; self.minimumLevel = minimumLevel }
    }

    public struct Profile: Codable, Equatable, Sendable {
        public var id: String
        public var role: String
        public var requirements: [SkillRequirement] = []
        public var allocationPercent: Int = 100
        public var start: Day?
        public var end: Day?
        /// The person staffed on it, by id.
        public var staffedPersonId: String?
        public init(id: String, role: String, requirements: [SkillRequirement] = [], allocationPercent: Int = 100,
                    start: Day? = nil, end: Day? = nil, staffedPersonId: String? = nil) {
            self.id = id; self.role = role; self.requirements = requirements; self.allocationPercent = allocationPercent
            self.start = start; self.end = end; self.staffedPersonId = staffedPersonId
        }
    }

    public struct Risk: Codable, Equatable, Sendable {
        public var id: String
        public var description: String
        public var probability: Level = .medium
        public var impact: Level = .medium
        public var mitigation: String = ""
        public init(id: String, description: String, probability: Level = .medium, impact: Level = .medium, mitigation: String = "") {
            self.id = id; self.description = description; self.probability = probability; self.impact = impact; self.mitigation = mitigation
        }
    }

    public struct Contact: Codable, Equatable, Sendable {
        public var name: String
        public var role: String = ""
        public var email: String = ""
        public var phone: String = ""
        public init(name: String, role: String = "", email: String = "", phone: String = "") {
            self.name = name; self.role = role; self.email = email; self.phone = phone
        }
    }

    public struct HistoryNote: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, CaseIterable, Sendable { case meeting, caresAbout = "cares_about", said }
        public var id: String
        public var date: Day?
        public var kind: Kind = .meeting
        public var text: String
        public init(id: String, date: Day? = nil, kind: Kind = .meeting, text: String) {
            self.id = id; self.date = date; self.kind = kind; self.text = text
        }
    }

    public var offer = Offer()
    public var needs: [Item] = []
    public var expectations: [Expectation] = []
    public var estimates: [EstimateLine] = []
    public var timeline = Timeline()
    public var profiles: [Profile] = []
    public var risks: [Risk] = []
    public var contacts: [Contact] = []
    public var history: [HistoryNote] = []

    public init() {}

    /// The sections, in the order pages show them; also the unit of "what changed".
    public enum Section: String, CaseIterable, Sendable {
        case offer, needs, expectations, estimates, timeline, profiles, risks, contacts, history
    }

    /// The sections whose content differs from `earlier`.
    public func changedSections(since earlier: HandoverPackage) -> [Section] {
        Section.allCases.filter { section in
            switch section {
            case .offer: return offer != earlier.offer
            case .needs: return needs != earlier.needs
            case .expectations: return expectations != earlier.expectations
            case .estimates: return estimates != earlier.estimates
            case .timeline: return timeline != earlier.timeline
            case .profiles: return profiles != earlier.profiles
            case .risks: return risks != earlier.risks
            case .contacts: return contacts != earlier.contacts
            case .history: return history != earlier.history
            }
        }
    }

    /// Field problems that make a package unsavable (as opposed to merely not ready).
    /// What is wrong with the package. `latestToday` (today where it is latest, see `Day.latestToday`) makes
    /// a record of the past — a history note — dated after it wrong.
    public func validationIssues(latestToday: Day? = nil) -> [String: FieldIssue] {
        var issues: [String: FieldIssue] = [:]
        func add(_ field: String, _ issue: FieldIssue) { if issues[field] == nil { issues[field] = issue } }
        if let value = offer.value, value < 0 { add("offer.value", .notNegative) }
        if let start = timeline.start, let end = timeline.end, end < start { add("timeline.end", .endBeforeStart) }
        for (i, line) in estimates.enumerated() {
            if line.hours < 0 { add("estimates[\(i)].hours", .notNegative) }
            if let s = line.start, let e = line.end, e < s { add("estimates[\(i)].end", .endBeforeStart) }
        }
        for (i, profile) in profiles.enumerated() {
            if profile.role.trimmingCharacters(in: .whitespaces).isEmpty { add("profiles[\(i)].role", .required) }
            if !(1...100).contains(profile.allocationPercent) { add("profiles[\(i)].allocation_percent", .allocationRange) }
            if let s = profile.start, let e = profile.end, e < s { add("profiles[\(i)].end", .endBeforeStart) }
            for (j, r) in profile.requirements.enumerated() where !SkillLevel.isValid(r.minimumLevel) {
                add("profiles[\(i)].requirements[\(j)].minimum_level", .levelRange)
            }
        }
        if let latestToday {
            for (i, note) in history.enumerated() where (note.date.map { $0 > latestToday }) == true { add("history[\(i)].date", .dateInFuture) }
        }
        return issues
    }
}

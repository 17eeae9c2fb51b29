import Vapor
import LovnadCore

struct PersonRef: Content {
    let id: UUID
    let name: String
}

extension PersonRef: JSONWritable {
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"id\":"); w.uuid(id)
        w.raw(",\"name\":"); w.string(name)
        w.raw("}")
    }
}

struct CustomerContactDTO: Content {
    let id: UUID
    let name: String
    let role: String
    let email: String
    let phone: String
}

struct CustomerDTO: Content {
    let id: UUID
    let name: String
    @NullEncoded var orgNumber: String?
    let notes: String
    let contacts: [CustomerContactDTO]

    init(_ c: Customer) {
        id = c.id!
        name = c.name
        orgNumber = c.orgNumber
        notes = c.notes
        contacts = (c.$contacts.value ?? []).map { CustomerContactDTO(id: $0.id!, name: $0.name, role: $0.role, email: $0.email, phone: $0.phone) }
    }
}

struct TeamMemberDTO: Content {
    let person: PersonRef
    let profileId: String
    let role: String
    let allocationPercent: Int
}

struct EngagementDTO: Content {
    let id: UUID
    let title: String
    let status: String
    let customer: PersonRef
    let salesOwner: PersonRef
    @NullEncoded var deliveryLead: PersonRef?
    let team: [TeamMemberDTO]
    /// The engagement's conversation.
    @NullEncoded var channelId: UUID?
    let logEntries: Int
    let createdAt: Date
    let updatedAt: Date

    /// From an engagement read without its customer and people, and their names.
    init(_ e: Engagement, names: EngagementQueries.Names, team: [TeamMemberDTO], channelID: UUID?) {
        id = e.id!
        title = e.title
        status = e.status
        customer = PersonRef(id: e.$customer.id, name: names.customers[e.$customer.id] ?? "")
        salesOwner = PersonRef(id: e.$salesOwner.id, name: names.people[e.$salesOwner.id] ?? "")
        deliveryLead = e.$deliveryLead.id.map { PersonRef(id: $0, name: names.people[$0] ?? "") }
        self.team = team
        channelId = channelID
        logEntries = e.logCount
        createdAt = e.createdAt
        updatedAt = e.updatedAt
    }

    /// From an engagement read with its customer and people.
    init(_ e: Engagement, team: [TeamMemberDTO], channelID: UUID?) {
        let people = [e.salesOwner] + [e.deliveryLead].compactMap { $0 }
        self.init(e, names: .init(customers: [e.$customer.id: e.customer.name],
                                  people: Dictionary(people.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })),
                  team: team, channelID: channelID)
    }
}

extension TeamMemberDTO: JSONWritable {
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"person\":"); person.writeJSON(to: &w)
        w.raw(",\"profile_id\":"); w.string(profileId)
        w.raw(",\"role\":"); w.string(role)
        w.raw(",\"allocation_percent\":"); w.int(allocationPercent)
        w.raw("}")
    }
}

extension EngagementDTO: JSONWritable {
    /// By hand, as `JSONEncoder` writes it: a page of fifty engagements with their teams spent a quarter
    /// of an admin's engagement list in the encoder.
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"id\":"); w.uuid(id)
        w.raw(",\"title\":"); w.string(title)
        w.raw(",\"status\":"); w.string(status)
        w.raw(",\"customer\":"); customer.writeJSON(to: &w)
        w.raw(",\"sales_owner\":"); salesOwner.writeJSON(to: &w)
        w.raw(",\"delivery_lead\":"); w.optional(deliveryLead) { $1.writeJSON(to: &$0) }
        w.raw(",\"team\":"); w.array(team)
        w.raw(",\"channel_id\":"); w.optional(channelId) { $0.uuid($1) }
        w.raw(",\"log_entries\":"); w.int(logEntries)
        w.raw(",\"created_at\":"); w.date(createdAt)
        w.raw(",\"updated_at\":"); w.date(updatedAt)
        w.raw("}")
    }
}

struct LogEntryDTO: Content {
    let id: UUID
    let sequence: Int
    let kind: String
    @NullEncoded var author: PersonRef?
    let createdAt: Date
    /// What a person wrote, or what Lovnad recorded put into the reader's language.
    let body: String
    /// The body rendered to the safe Markdown subset.
    let html: String
    let tags: [String]
    @NullEncoded var corrects: UUID?
    /// What Lovnad recorded, as stored and hashed; null for what a person wrote.
    @NullEncoded var lines: [LogLineDTO]?
    let hash: String

    struct LogLineDTO: Content {
        let key: String
        let values: [String: String]
    }

    init(_ e: LogEntry, authors: [UUID: Person], locale: AppLocale) {
        id = e.id!
        sequence = e.sequence
        kind = e.kind
        author = e.$author.id.flatMap { authors[$0] }.map { PersonRef(id: $0.id!, name: $0.name) }
        createdAt = Date(timeIntervalSince1970: Double(e.createdAtMilliseconds) / 1000)
        body = EngagementLog.text(of: e, in: locale)
        html = SafeMarkdown.html(body)
        tags = e.tags.isEmpty ? [] : e.tags.split(separator: ",").map(String.init)
        corrects = e.correctsID
        lines = e.lines.flatMap(LogLine.parse).map { $0.map { LogLineDTO(key: $0.key.rawValue, values: $0.values) } }
        hash = e.hash
    }
}

struct ChecklistItemDTO: Content {
    let item: String
    let passed: Bool
    let lacking: [String]
}

struct HandoverDTO: Content {
    let revision: Int
    let package: HandoverPackage
    let readiness: [ChecklistItemDTO]
    let ready: Bool
    let signedOff: Bool
    let changedSinceReview: [String]
    let lastReview: ReviewDTO?
}

struct ReviewDTO: Content {
    let id: UUID
    let revision: Int
    let heldOn: String
    let participants: String
    let notes: String
    let signedOff: Bool
}

struct StaffingSuggestionDTO: Content {
    let person: PersonRef
    let score: Double
    let reasons: [String]
    let peakAllocationPercent: Int
    let wouldOverallocate: Bool
}

struct StaffingProfileDTO: Content {
    let profileId: String
    let role: String
    let allocationPercent: Int
    let staffed: PersonRef?
    let candidates: [StaffingSuggestionDTO]
}

struct OnboardingItemDTO: Content {
    let id: UUID
    let text: String
    let done: Bool
    let doneAt: Date?
}

struct OnboardingDTO: Content {
    let person: PersonRef
    let done: Int
    let total: Int
    let items: [OnboardingItemDTO]
}

import Fluent
import Foundation
import LovnadCore

final class Customer: Model, @unchecked Sendable {
    static let schema = "customers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "org_number") var orgNumber: String?
    @Field(key: "notes") var notes: String
    @Field(key: "created_at") var createdAt: Date
    @Children(for: \.$customer) var contacts: [CustomerContact]

    init() {}

    init(id: UUID? = nil, name: String, orgNumber: String?, notes: String, now: Date) {
        self.id = id
        self.name = name
        self.nameKey = name.lowercased()
        self.orgNumber = orgNumber
        self.notes = notes
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $name, $nameKey, $orgNumber, $notes, $createdAt, $contacts] }
}

final class CustomerContact: Model, @unchecked Sendable {
    static let schema = "customer_contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "customer_id") var customer: Customer
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "email") var email: String
    @Field(key: "phone") var phone: String

    init() {}

    init(id: UUID? = nil, customerID: UUID, name: String, role: String, email: String, phone: String) {
        self.id = id
        self.$customer.id = customerID
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $customer, $name, $role, $email, $phone] }
}

final class Engagement: Model, @unchecked Sendable {
    static let schema = "engagements"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Parent(key: "customer_id") var customer: Customer
    @Parent(key: "sales_owner_id") var salesOwner: Person
    @OptionalParent(key: "delivery_lead_id") var deliveryLead: Person?
    @Field(key: "status") var status: String
    /// The log's last hash and sequence number, so an append needs no scan.
    @Field(key: "log_head") var logHead: String
    @Field(key: "log_count") var logCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID? = nil, title: String, customerID: UUID, salesOwnerID: UUID, deliveryLeadID: UUID?, status: String,
         logHead: String, now: Date) {
        self.id = id
        self.title = title
        self.$customer.id = customerID
        self.$salesOwner.id = salesOwnerID
        self.$deliveryLead.id = deliveryLeadID
        self.status = status
        self.logHead = logHead
        self.logCount = 0
        self.createdAt = now
        self.updatedAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $title, $customer, $salesOwner, $deliveryLead, $status, $logHead, $logCount, $createdAt, $updatedAt]
    }
}

/// Someone staffed on one of the engagement's competence profiles.
final class EngagementMember: Model, @unchecked Sendable {
    static let schema = "engagement_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "person_id") var person: Person
    @Field(key: "profile_id") var profileID: String
    @Field(key: "role") var role: String
    @Field(key: "allocation_percent") var allocationPercent: Int
    /// Days as YYYY-MM-DD, compared as text.
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, engagementID: UUID, personID: UUID, profileID: String, role: String, allocationPercent: Int,
         startsOn: String?, endsOn: String?, now: Date) {
        self.id = id
        self.$engagement.id = engagementID
        self.$person.id = personID
        self.profileID = profileID
        self.role = role
        self.allocationPercent = allocationPercent
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $engagement, $person, $profileID, $role, $allocationPercent, $startsOn, $endsOn, $createdAt]
    }
}

/// One saved version of a handover package. Every edit adds one; none is changed.
final class HandoverRevision: Model, @unchecked Sendable {
    static let schema = "handover_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Field(key: "number") var number: Int
    @Field(key: "content") var content: String
    @OptionalParent(key: "author_id") var author: Person?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, engagementID: UUID, number: Int, content: String, authorID: UUID?, now: Date) {
        self.id = id
        self.$engagement.id = engagementID
        self.number = number
        self.content = content
        self.$author.id = authorID
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $engagement, $number, $content, $author, $createdAt] }
}

/// A handover review meeting, of one revision; signed off by the delivery lead.
final class HandoverReview: Model, @unchecked Sendable {
    static let schema = "handover_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Field(key: "revision_number") var revisionNumber: Int
    @Field(key: "held_on") var heldOn: String
    @Field(key: "participants") var participants: String
    @Field(key: "notes") var notes: String
    @OptionalParent(key: "signed_off_by") var signedOffBy: Person?
    @Parent(key: "recorded_by") var recordedBy: Person
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, engagementID: UUID, revisionNumber: Int, heldOn: String, participants: String, notes: String,
         signedOffByID: UUID?, recordedByID: UUID, now: Date) {
        self.id = id
        self.$engagement.id = engagementID
        self.revisionNumber = revisionNumber
        self.heldOn = heldOn
        self.participants = participants
        self.notes = notes
        self.$signedOffBy.id = signedOffByID
        self.$recordedBy.id = recordedByID
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $engagement, $revisionNumber, $heldOn, $participants, $notes, $signedOffBy, $recordedBy, $createdAt]
    }
}

/// An engagement log entry. Append-only: never updated, never deleted.
final class LogEntry: Model, @unchecked Sendable {
    static let schema = "log_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Field(key: "seq") var sequence: Int
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "author_id") var author: Person?
    @Field(key: "created_at_ms") var createdAtMilliseconds: Int64
    @Field(key: "body") var body: String
    /// Comma-joined, sorted.
    @Field(key: "tags") var tags: String
    @OptionalField(key: "corrects_id") var correctsID: UUID?
    /// What Lovnad wrote, as `LogLine.stored` (then `body` is empty); nil for what a person wrote.
    @OptionalField(key: "lines") var lines: String?
    @Field(key: "hash") var hash: String

    init() {}

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $engagement, $sequence, $kind, $author, $createdAtMilliseconds, $body, $tags, $correctsID, $lines, $hash]
    }
}

/// One line of the onboarding template that every newly staffed person gets.
final class OnboardingTemplateItem: Model, @unchecked Sendable {
    static let schema = "onboarding_template_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String

    init() {}

    init(id: UUID? = nil, position: Int, text: String) {
        self.id = id
        self.position = position
        self.text = text
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $position, $text] }
}

/// A staffed person's own copy of an onboarding item, ticked as they go.
final class OnboardingItem: Model, @unchecked Sendable {
    static let schema = "onboarding_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "person_id") var person: Person
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalParent(key: "done_by") var doneBy: Person?

    init() {}

    init(id: UUID? = nil, engagementID: UUID, personID: UUID, position: Int, text: String) {
        self.id = id
        self.$engagement.id = engagementID
        self.$person.id = personID
        self.position = position
        self.text = text
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $engagement, $person, $position, $text, $doneAt, $doneBy] }
}

/// A skill the engagement's handover asks for, kept from its latest revision (`HandoverActions.addRevision`).
final class EngagementSkill: Model, @unchecked Sendable {
    static let schema = "engagement_skills"

    @ID(key: .id) var id: UUID?
    @Parent(key: "engagement_id") var engagement: Engagement
    @Parent(key: "skill_id") var skill: Skill

    init() {}

    init(engagementID: UUID, skillID: UUID) {
        self.$engagement.id = engagementID
        self.$skill.id = skillID
    }

    /// The catalogue's skills the package's profiles require, each once.
    static func skillIDs(of package: HandoverPackage, in index: [String: Skill]) -> [UUID] {
        var ids: [UUID] = []
        for requirement in package.profiles.flatMap(\.requirements) {
            if let id = index[skillLookupKey(requirement.skill)]?.id, !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    var properties: [any AnyProperty] { [$id, $engagement, $skill] }
}

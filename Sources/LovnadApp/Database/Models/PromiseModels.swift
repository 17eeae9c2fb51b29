import Fluent
import Foundation
import LovnadCore

/// A promise in the ledger. The ratio columns (`counts`, `counted_day`, `kept_on_time`) are what
/// `SayDo.contribution` says for the promise as it stands, rewritten by every action that changes it,
/// so that stats are one aggregate query. Overdue is never stored.
final class Promise: Model, @unchecked Sendable {
    static let schema = "promises"

    @ID(key: .id) var id: UUID?
    @Field(key: "text") var text: String
    @Parent(key: "owner_id") var owner: Person
    @Field(key: "receiver_kind") var receiverKind: String
    @Field(key: "receiver_id") var receiverID: UUID
    @OptionalParent(key: "receiver_contact_id") var receiverContact: CustomerContact?
    /// The customer the promise is to, or whose engagement it belongs to: for the customer's ratio.
    @OptionalParent(key: "customer_id") var customer: Customer?
    @OptionalParent(key: "engagement_id") var engagement: Engagement?
    @Field(key: "source") var source: String
    /// The handover expectation or log entry it came from.
    @OptionalField(key: "source_ref") var sourceRef: String?
    @Field(key: "state") var state: String
    @Field(key: "due") var due: String
    @Field(key: "due_day") var dueDay: Int
    @OptionalField(key: "series_id") var seriesID: UUID?
    @OptionalField(key: "recurrence") var recurrence: String?
    @OptionalParent(key: "replaces_id") var replaces: Promise?
    @OptionalField(key: "settled_on") var settledOn: String?
    @Field(key: "note") var note: String
    @OptionalField(key: "confirmation") var confirmation: String?
    @Field(key: "confirmation_note") var confirmationNote: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Field(key: "chain_counted") var chainCounted: Bool
    @Field(key: "counts") var counts: Bool
    @Field(key: "counted_day") var countedDay: Int
    @Field(key: "kept_on_time") var keptOnTime: Bool
    @Parent(key: "created_by") var createdBy: Person
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var promiseState: PromiseState { PromiseState(rawValue: state) ?? .made }
    var receiver: PromiseReceiverKind { PromiseReceiverKind(rawValue: receiverKind) ?? .person }
    var dueDate: Day { Day(ordinal: dueDay) }

    var sayDoFacts: SayDo.Facts {
        SayDo.Facts(state: promiseState, due: dueDate, settledOn: settledOn.flatMap(Day.init),
                    confirmation: confirmation.flatMap(PromiseConfirmation.init(rawValue:)), chainAlreadyCounted: chainCounted)
    }

    /// Rewrites the ratio columns from the promise's current facts.
    func refreshContribution() {
        let c = SayDo.contribution(sayDoFacts)
        counts = c.counts
        countedDay = c.countedOn.ordinal
        keptOnTime = c.keptOnTime
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $text, $owner, $receiverKind, $receiverID, $receiverContact, $customer, $engagement, $source, $sourceRef,
         $state, $due, $dueDay, $seriesID, $recurrence, $replaces, $settledOn, $note, $confirmation, $confirmationNote,
         $confirmedAt, $chainCounted, $counts, $countedDay, $keptOnTime, $createdBy, $createdAt, $updatedAt]
    }
}

/// One step in a promise's life, for its history.
final class PromiseTransition: Model, @unchecked Sendable {
    static let schema = "promise_transitions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "promise_id") var promise: Promise
    @OptionalField(key: "from_state") var fromState: String?
    @Field(key: "to_state") var toState: String
    @Field(key: "note") var note: String
    @Parent(key: "actor_id") var actor: Person
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(promiseID: UUID, from: PromiseState?, to: String, note: String, actorID: UUID, now: Date) {
        self.$promise.id = promiseID
        self.fromState = from?.rawValue
        self.toState = to
        self.note = note
        self.$actor.id = actorID
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $promise, $fromState, $toState, $note, $actor, $createdAt] }
}

import Vapor
import LovnadCore

struct PromiseReceiverDTO: Content {
    let type: String
    let id: UUID
    let name: String
    @NullEncoded var contactId: UUID?
}

struct EngagementRef: Content {
    let id: UUID
    let title: String
}

struct PromiseDTO: Content {
    let id: UUID
    let text: String
    let state: String
    /// Made and past due; derived, never stored.
    let overdue: Bool
    let due: String
    let owner: PersonRef
    let to: PromiseReceiverDTO
    @NullEncoded var engagement: EngagementRef?
    let source: String
    @NullEncoded var sourceRef: String?
    @NullEncoded var seriesId: UUID?
    @NullEncoded var recurrence: String?
    @NullEncoded var replacesId: UUID?
    @NullEncoded var replacedById: UUID?
    @NullEncoded var settledOn: String?
    let note: String
    @NullEncoded var confirmation: String?
    let confirmationNote: String
    let createdAt: Date
    let updatedAt: Date
}

struct PromiseHistoryDTO: Content {
    @NullEncoded var from: String?
    let to: String
    let note: String
    let by: PersonRef
    let at: Date
}

struct PromiseDetailDTO: Content {
    let promise: PromiseDTO
    let history: [PromiseHistoryDTO]
}

/// What a renegotiation answers: the promise, now renegotiated, and the one that replaces it.
struct PromiseStepResultDTO: Content {
    let promise: PromiseDTO
    @NullEncoded var replacement: PromiseDTO?
}

struct PromiseCreatedDTO: Content {
    let id: UUID
    let state: String
    let promise: PromiseDTO
    /// Every occurrence of a recurring promise, the first included.
    let occurrences: [PromiseDTO]
}

struct SayDoWeekDTO: Content {
    let weekStart: String
    let keptOnTime: Int
    let counted: Int
    @NullEncoded var ratio: Double?
}

struct SayDoStatsDTO: Content {
    let scope: String
    @NullEncoded var id: UUID?
    let from: String
    let to: String
    @NullEncoded var ratio: Double?
    let keptOnTime: Int
    let counted: Int
    /// Made and past due now, in the scope.
    let overdue: Int
    let weekly: [SayDoWeekDTO]
}

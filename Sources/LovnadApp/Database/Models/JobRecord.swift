import Fluent
import Foundation

/// A unit of background work; claimed with a lease so only one instance runs it.
final class JobRecord: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "payload") var payload: String
    @Field(key: "run_at") var runAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "leased_until") var leasedUntil: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}

    init(id: UUID? = nil, kind: String, payload: String, runAt: Date) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.attempts = 0
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $kind, $payload, $runAt, $attempts, $leasedUntil, $finishedAt, $lastError] }
}

import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random token; only its hash is stored.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "person_id") var person: Person
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(id: UUID? = nil, tokenHash: String, personID: UUID, now: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.$person.id = personID
        self.createdAt = now
        self.lastSeenAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $tokenHash, $person, $createdAt, $lastSeenAt] }
}

/// A personal API token, used as `Authorization: Bearer`.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters, shown in lists so an owner can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(id: UUID? = nil, personID: UUID, name: String, tokenHash: String, prefix: String, now: Date) {
        self.id = id
        self.$person.id = personID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $person, $name, $tokenHash, $prefix, $createdAt, $lastUsedAt, $revokedAt] }
}

/// Sign-in attempts, kept for the rate limit.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    init() {}

    init(id: UUID? = nil, email: String, address: String, succeeded: Bool, at: Date) {
        self.id = id
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.at = at
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $email, $address, $succeeded, $at] }
}

/// What admins did, for admins to read.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "actor_id") var actor: Person?
    @Field(key: "action") var action: String
    @Field(key: "target") var target: String
    @Field(key: "detail") var detail: String
    @Field(key: "at") var at: Date

    init() {}

    init(id: UUID? = nil, actorID: UUID?, action: String, target: String, detail: String, at: Date) {
        self.id = id
        self.$actor.id = actorID
        self.action = action
        self.target = target
        self.detail = detail
        self.at = at
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $actor, $action, $target, $detail, $at] }
}

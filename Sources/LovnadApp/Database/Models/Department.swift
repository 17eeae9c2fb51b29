import Fluent
import Foundation

final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, name: String, now: Date) {
        self.id = id
        self.name = name
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $name, $createdAt] }
}

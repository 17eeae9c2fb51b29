import Fluent
import Foundation
import LovnadCore

final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    /// Lowercased name, so search is case-insensitive on both engines.
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "title") var title: String?
    @OptionalParent(key: "department_id") var department: Department?
    @OptionalParent(key: "leader_id") var leader: Person?
    @Field(key: "roles") var rolesText: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "active") var active: Bool
    @Field(key: "bio") var bio: String
    @OptionalField(key: "locale") var locale: String?
    @OptionalField(key: "time_zone") var timeZone: String?
    /// Away (leave, holiday) through this day (`Day.ordinal`): questions are not routed to them meanwhile.
    @OptionalField(key: "away_until") var awayUntil: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID? = nil, email: String, name: String, title: String?, departmentID: UUID?, leaderID: UUID?,
         roles: [Role], passwordHash: String?, now: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.nameKey = name.lowercased()
        self.title = title
        self.$department.id = departmentID
        self.$leader.id = leaderID
        self.rolesText = Role.storageString(roles)
        self.passwordHash = passwordHash
        self.active = true
        self.bio = ""
        self.createdAt = now
        self.updatedAt = now
    }

    var roles: [Role] {
        get { Role.parseList(rolesText).roles }
        set { rolesText = Role.storageString(newValue) }
    }

    /// The language the person chose, if any (pages fall back to Accept-Language, mail to the default).
    var chosenLocale: AppLocale? { locale.flatMap(AppLocale.init(rawValue:)) }

    func setName(_ newName: String) {
        name = newName
        nameKey = newName.lowercased()
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $email, $name, $nameKey, $title, $department, $leader, $rolesText, $passwordHash, $active, $bio, $locale,
         $timeZone, $awayUntil, $createdAt, $updatedAt]
    }
}

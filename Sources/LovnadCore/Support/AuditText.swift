/// An audit entry in the reader's words. Entries are stored as a code (`user.created`), a target and a
/// detail in Lovnad's own fixed formats; this reads those formats back. Anything it does not know is
/// shown as stored, so an older or newer entry is never hidden.
public enum AuditText {
    public static func action(_ code: String, _ t: Localizer) -> String {
        let key: L? = switch code {
        case "user.created": .auditUserCreated
        case "user.deactivated": .auditUserDeactivated
        case "user.reactivated": .auditUserReactivated
        case "user.roles_changed": .auditUserRolesChanged
        case "user.leader_changed": .auditUserLeaderChanged
        case "user.password_reset": .auditUserPasswordReset
        case "user.password_set": .auditUserPasswordSet
        case "people.imported": .auditPeopleImported
        case "skill.created": .auditSkillCreated
        case "skill.updated": .auditSkillUpdated
        case "onboarding.template_changed": .auditOnboardingTemplateChanged
        default: nil
        }
        return key.map { t($0) } ?? code
    }

    /// "46 people" as "46 personer", "5 items" as "5 punkter"; other targets (an address, a name) as they are.
    public static func target(_ target: String, _ t: Localizer) -> String {
        let parts = target.split(separator: " ")
        guard parts.count == 2, let n = Int(parts[0]) else { return target }
        switch parts[1] {
        case "people": return t.count(n, one: .countPeopleOne, other: .countPeopleOther)
        case "items": return t.count(n, one: .countItemsOne, other: .countItemsOther)
        default: return target
        }
    }

    public static func detail(_ action: String, _ detail: String, _ t: Localizer) -> String {
        func roles(_ stored: String) -> String {
            stored.split(separator: ",").map { Role(rawValue: String($0)).map(t.role) ?? String($0) }.joined(separator: ", ")
        }
        func labelled(_ text: String) -> String {
            // "category: Sky; synonyms: k8s, kube" with the labels in words.
            text.components(separatedBy: "; ").map { part -> String in
                guard let colon = part.range(of: ": ") else { return part }
                let value = String(part[colon.upperBound...])
                switch part[..<colon.lowerBound] {
                case "synonyms": return t(.auditSynonyms, ["list": value])
                case "category": return t(.auditCategory, ["name": value])
                case "roles": return t(.auditRoles, ["list": roles(value)])
                default: return part
                }
            }.joined(separator: "; ")
        }
        switch action {
        case "user.roles_changed":
            let sides = detail.components(separatedBy: " → ")
            return sides.count == 2 ? roles(sides[0]) + " → " + roles(sides[1]) : detail
        case "people.imported":
            let numbers = detail.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard numbers.count == 3, detail.hasPrefix("created ") else { return detail }
            return t(.auditImportCounts, ["created": String(numbers[0]), "updated": String(numbers[1]), "failed": String(numbers[2])])
        case "skill.created", "skill.updated", "user.created":
            return labelled(detail)
        default:
            return detail
        }
    }
}

/// What a person may do. A person may hold several roles.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin, leader, sales, consultant

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a list such as "consultant,leader" (also `;` or spaces). Unknown names are returned apart.
    public static func parseList(_ text: String) -> (roles: [Role], unknown: [String]) {
        var roles: [Role] = []
        var unknown: [String] = []
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
        for part in parts {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            if let role = Role(rawValue: name) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                unknown.append(name)
            }
        }
        return (roles.sorted(), unknown)
    }

    /// The stored form: sorted, comma separated.
    public static func storageString(_ roles: [Role]) -> String {
        Set(roles).sorted().map(\.rawValue).joined(separator: ",")
    }
}

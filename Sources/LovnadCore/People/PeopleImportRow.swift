/// One line of a people CSV file after its own checks; references to other people
/// (the leader) are checked by the importer against the database and the rest of the file.
public struct PeopleImportRow: Equatable, Sendable {
    public let line: Int
    public let email: EmailAddress
    public let name: String
    public let title: String?
    public let department: String?
    public let leaderEmail: EmailAddress?
    public let roles: [Role]
    public let skills: [SkillClaim]

    public struct SkillClaim: Equatable, Sendable {
        public let name: String
        public let level: Int
    }
}

public struct ImportLineError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public init(line: Int, reason: String) { self.line = line; self.reason = reason }
    public var description: String { "line \(line): \(reason)" }
}

/// Parses the columns `email,name,title,department,leader_email,roles,skills`.
public enum PeopleCSV {
    public static let columns = ["email", "name", "title", "department", "leader_email", "roles", "skills"]
    public static let requiredColumns = ["email", "name"]

    public struct Parsed: Sendable {
        public var rows: [PeopleImportRow] = []
        public var errors: [ImportLineError] = []
    }

    public enum HeaderError: Error, Equatable, CustomStringConvertible {
        case empty
        case missingColumns([String])
        case unknownColumns([String])
        case unreadable(String)
        public var description: String {
            switch self {
            case .empty: return "line 1: the file is empty; expected a header \(PeopleCSV.columns.joined(separator: ","))"
            case .missingColumns(let c): return "line 1: missing column(s) \(c.joined(separator: ", "))"
            case .unknownColumns(let c): return "line 1: unknown column(s) \(c.joined(separator: ", "))"
            case .unreadable(let why): return why
            }
        }
    }

    public static func parse(_ text: String) throws(HeaderError) -> Parsed {
        let records: [CSVRecord]
        do { records = try CSVReader.records(text) } catch {
            if case .unterminatedQuote(let line) = error as? CSVReadError {
                throw .unreadable("line \(line): a quoted field is never closed")
            }
            throw .unreadable("the file could not be read as CSV")
        }
        guard let header = records.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let unknown = names.filter { !columns.contains($0) }
        if !unknown.isEmpty { throw .unknownColumns(unknown) }
        let missing = requiredColumns.filter { !names.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing) }

        var parsed = Parsed()
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            if record.fields.count != names.count {
                parsed.errors.append(.init(line: record.line, reason: "expected \(names.count) fields, found \(record.fields.count)"))
                continue
            }
            var value: [String: String] = [:]
            for (name, field) in zip(names, record.fields) {
                value[name] = field.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            switch row(line: record.line, value) {
            case .success(let row):
                if let first = seen[row.email.value] {
                    parsed.errors.append(.init(line: record.line, reason: "\(row.email) already appears on line \(first)"))
                } else {
                    seen[row.email.value] = record.line
                    parsed.rows.append(row)
                }
            case .failure(let error):
                parsed.errors.append(error)
            }
        }
        return parsed
    }

    static func row(line: Int, _ v: [String: String]) -> Result<PeopleImportRow, ImportLineError> {
        func fail(_ reason: String) -> Result<PeopleImportRow, ImportLineError> { .failure(.init(line: line, reason: reason)) }
        let rawEmail = v["email"] ?? ""
        guard !rawEmail.isEmpty else { return fail("email is empty") }
        guard let email = EmailAddress(rawEmail) else { return fail("'\(rawEmail)' is not an e-mail address") }
        let name = v["name"] ?? ""
        guard !name.isEmpty else { return fail("name is empty") }
        guard name.count <= 200 else { return fail("name is longer than 200 characters") }
        var leader: EmailAddress?
        if let raw = v["leader_email"], !raw.isEmpty {
            guard let parsed = EmailAddress(raw) else { return fail("leader_email '\(raw)' is not an e-mail address") }
            guard parsed != email else { return fail("a person cannot be their own leader") }
            leader = parsed
        }
        let (roles, unknownRoles) = Role.parseList(v["roles"] ?? "")
        if !unknownRoles.isEmpty { return fail("unknown role(s) \(unknownRoles.joined(separator: ", ")); use \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
        var skills: [PeopleImportRow.SkillClaim] = []
        for part in (v["skills"] ?? "").split(separator: ";") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            guard let colon = item.lastIndex(of: ":") else { return fail("skill '\(item)' has no level; write it as Name:level") }
            let skillName = item[..<colon].trimmingCharacters(in: .whitespaces)
            let levelText = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !skillName.isEmpty else { return fail("skill '\(item)' has no name") }
            guard let level = Int(levelText), SkillLevel.isValid(level) else {
                return fail("skill '\(skillName)' has level '\(levelText)'; levels are 1 to 5")
            }
            if skills.contains(where: { skillLookupKey($0.name) == skillLookupKey(skillName) }) {
                return fail("skill '\(skillName)' is listed twice")
            }
            skills.append(.init(name: skillName, level: level))
        }
        func optional(_ key: String) -> String? {
            guard let text = v[key], !text.isEmpty else { return nil }
            return text
        }
        return .success(PeopleImportRow(
            line: line, email: email, name: name, title: optional("title"), department: optional("department"),
            leaderEmail: leader, roles: roles.isEmpty ? [.consultant] : roles, skills: skills))
    }
}

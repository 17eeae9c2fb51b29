import Fluent
import SQLKit
import Vapor
import LovnadCore

enum EngagementQueries {
    /// Engagements the user may see, theirs first (they are on it), then by last change.
    static func list(user: CurrentUser, status: EngagementStatus?, customerID: UUID?, mineOnly: Bool,
                     on db: any Database) async throws -> [(Engagement, mine: Bool)] {
        let query = Engagement.query(on: db).with(\.$customer).with(\.$salesOwner).with(\.$deliveryLead)
            .sort(\.$updatedAt, .descending).sort(\.$id)
        if let status { query.filter(\.$status == status.rawValue) }
        if let customerID { query.filter(\.$customer.$id == customerID) }
        EngagementVisibility.restrict(query, to: user)
        if mineOnly { EngagementVisibility.onlyOnes(query, on: user) }
        let all = try await query.all()
        let mine = try await EngagementVisibility.onThem(all.map { $0.id! }, user: user, on: db)
        let rows = all.map { ($0, mine: mine.contains($0.id!)) }.filter { !mineOnly || $0.mine }
        return rows.filter(\.mine) + rows.filter { !$0.mine }
    }

    /// A page of the engagements the user may see, most recently changed first. Customers and people
    /// are read as names only (`names(of:on:)`): loaded as models, a hundred people a page were most of it.
    static func page(user: CurrentUser, status: EngagementStatus?, customerID: UUID?, mineOnly: Bool, page: ListPage,
                     on db: any Database) async throws -> (rows: [Engagement], next: String?) {
        let query = Engagement.query(on: db)
        if let status { query.filter(\.$status == status.rawValue) }
        if let customerID { query.filter(\.$customer.$id == customerID) }
        EngagementVisibility.restrict(query, to: user)
        if mineOnly { EngagementVisibility.onlyOnes(query, on: user) }
        return page.cut(try await query.keyset(page, by: .date("updated_at"), .descending).all()) {
            ListPage.Position(key: KeysetKey.cursorKey(of: $0.updatedAt), id: $0.id!.uuidString)
        }
    }

    /// The names an engagement list shows beside each engagement: its customer's and its people's.
    struct Names: Sendable {
        var customers: [UUID: String] = [:]
        var people: [UUID: String] = [:]
    }

    static func names(of engagements: [Engagement], on db: any Database) async throws -> Names {
        struct Row: Decodable { let id: UUID; let name: String }
        guard !engagements.isEmpty else { return Names() }
        let sql = db as! any SQLDatabase
        let customerIDs = Array(Set(engagements.map { $0.$customer.id }))
        let personIDs = Array(Set(engagements.flatMap { [$0.$salesOwner.id] + [$0.$deliveryLead.id].compactMap { $0 } }))
        let customers = try await sql.raw("SELECT id, name FROM customers WHERE id IN (\(binds: customerIDs))").all(decoding: Row.self)
        let people = try await sql.raw("SELECT id, name FROM people WHERE id IN (\(binds: personIDs))").all(decoding: Row.self)
        return Names(customers: Dictionary(customers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                     people: Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Read column by column: a page of fifty teams is hundreds of rows, and the Codable row decoder cost more than the query.
    private struct TeamRow {
        let engagementId: UUID, member: TeamMemberDTO

        init(_ row: any SQLRow) throws {
            engagementId = try row.uuid("engagement_id")
            member = TeamMemberDTO(person: PersonRef(id: try row.uuid("person_id"),
                                                     name: try row.decode(column: "name", as: String.self)),
                                   profileId: try row.decode(column: "profile_id", as: String.self),
                                   role: try row.decode(column: "role", as: String.self),
                                   allocationPercent: try row.decode(column: "allocation_percent", as: Int.self))
        }
    }

    /// Each engagement's team in the order they joined, as plain rows: Fluent models of fifty teams with
    /// their people were most of an admin's engagement list.
    static func team(of engagementIDs: [UUID], on db: any Database) async throws -> [UUID: [TeamMemberDTO]] {
        guard !engagementIDs.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT m.engagement_id, m.person_id, p.name, m.profile_id, m.role, m.allocation_percent
            FROM engagement_members m JOIN people p ON p.id = m.person_id
            WHERE m.engagement_id IN (\(binds: engagementIDs)) ORDER BY m.created_at, m.id
            """).all().map(TeamRow.init)
        return Dictionary(grouping: rows, by: \.engagementId).mapValues { $0.map(\.member) }
    }

    static func dto(_ e: Engagement, on db: any Database) async throws -> EngagementDTO {
        EngagementDTO(e, team: try await team(of: [e.id!], on: db)[e.id!] ?? [], channelID: try await channels(of: [e.id!], on: db)[e.id!])
    }

    static func channels(of engagementIDs: [UUID], on db: any Database) async throws -> [UUID: UUID] {
        guard !engagementIDs.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw(
            "SELECT id, engagement_id FROM channels WHERE engagement_id IN (\(binds: engagementIDs))").all()
        return Dictionary(try rows.map { (try $0.uuid("engagement_id"), try $0.uuid("id")) },
                          uniquingKeysWith: { a, _ in a })
    }

    struct LogFilter {
        var kind: String?
        var authorID: UUID?
        var tag: String?
        var text: String?
    }

    /// Newest first, paged by sequence number.
    static func log(engagementID: UUID, filter: LogFilter, page: ListPage, on db: any Database) async throws -> ([LogEntry], String?) {
        let query = LogEntry.query(on: db).filter(\.$engagement.$id == engagementID)
        if let kind = filter.kind { query.filter(\.$kind == kind) }
        if let author = filter.authorID { query.filter(\.$author.$id == author) }
        if let typed = filter.tag?.lowercased(), !typed.isEmpty {
            // Tags are stored sorted and comma-joined: match a whole tag, not part of one. A system tag's
            // word ("bemanning") finds its code too.
            let tags = Set([typed, SystemLogTag.code(for: typed)])
            query.group(.or) { q in
                for tag in tags { q.filter(\.$tags == tag).filter(\.$tags ~~ ",\(tag),").filter(\.$tags =~ "\(tag),").filter(\.$tags ~= ",\(tag)") }
            }
        }
        if let text = filter.text, !text.isEmpty { query.filter(\.$body ~~ text) }
        return page.cut(try await query.keyset(page, by: .integer("seq"), .descending).all()) {
            ListPage.Position(key: String($0.sequence), id: $0.id!.uuidString)
        }
    }

    static func authors(of entries: [LogEntry], on db: any Database) async throws -> [UUID: Person] {
        let ids = Array(Set(entries.compactMap { $0.$author.id }))
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Person.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
    }

    private struct StaffingPerson: Decodable { let id: String; let name: String }
    /// Ids stay text here: parsing a UUID costs more than the rest of the row. Read column by column.
    private struct StaffingAllocation {
        let personId: String, allocationPercent: Int, startsOn: String?, endsOn: String?

        init(_ row: any SQLRow) throws {
            personId = try row.decode(column: "person_id", as: String.self)
            allocationPercent = try row.decode(column: "allocation_percent", as: Int.self)
            startsOn = try row.decode(column: "starts_on", as: String?.self)
            endsOn = try row.decode(column: "ends_on", as: String?.self)
        }
    }

    /// The best `shown` candidates for each profile of the package, ranked by `StaffingFit`.
    static func staffing(engagementID: UUID, package: HandoverPackage, shown: Int = 10, locale: Localizer,
                         on db: any Database) async throws -> [StaffingProfileDTO] {
        let index = try await SkillLookup.index(of: package.profiles.flatMap { $0.requirements.map(\.skill) }, on: db)
        let sql = db as! any SQLDatabase
        // Who fills each profile, whether or not they hold what it asks for, in one read.
        let staffedIDs = package.profiles.compactMap { $0.staffedPersonId.flatMap(UUID.init(uuidString:)) }
        let staffedNames = staffedIDs.isEmpty ? [:]
            : Dictionary(try await Person.query(on: db).filter(\.$id ~~ staffedIDs).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Whoever already fills one of its profiles is not offered for another.
        let taken = Set(staffedIDs.map { $0.uuidString })
        var result: [StaffingProfileDTO] = []
        for profile in package.profiles {
            // The catalogue's skills it asks for, each with the minimum of every requirement naming it.
            let asked = Dictionary(grouping: profile.requirements.compactMap { r in index[skillLookupKey(r.skill)]?.id.map { ($0, r.minimumLevel) } },
                                   by: \.0).map { StaffingHolders.Asked(skillID: $0.key, minimums: $0.value.map(\.1)) }
            let requirements = profile.requirements.map { r -> StaffingFit.Requirement in
                let skill = index[skillLookupKey(r.skill)]
                return .init(key: skill?.nameKey ?? skillLookupKey(r.skill), name: skill?.name ?? r.skill, minimumLevel: r.minimumLevel)
            }
            let period = DayRange(start: profile.start ?? package.timeline.start ?? Day("2000-01-01")!,
                                  end: profile.end ?? package.timeline.end ?? Day("2100-12-31")!)
                ?? DayRange(start: Day("2000-01-01")!, end: Day("2100-12-31")!)!
            // Allocations in the period (only those can make anyone busy in it), of these people or of everyone.
            func allocations(of ids: [String]?) async throws -> [String: [StaffingFit.Allocation]] {
                if ids?.isEmpty == true { return [:] }
                let whose: SQLQueryString = ids.map { "AND m.person_id IN (\(binds: $0.compactMap { UUID(uuidString: $0) as (any Encodable & Sendable)? }))" } ?? ""
                let rows = try await sql.raw("""
                    SELECT m.person_id, m.allocation_percent, m.starts_on, m.ends_on FROM engagement_members m
                    WHERE m.engagement_id <> \(bind: engagementID) \(whose) AND m.allocation_percent > 0
                      AND (m.starts_on IS NULL OR m.starts_on <= \(bind: period.end.description))
                      AND (m.ends_on IS NULL OR m.ends_on >= \(bind: period.start.description))
                    """).all().map(StaffingAllocation.init)
                return Dictionary(grouping: rows, by: { $0.personId.uppercased() }).mapValues { rows in
                    rows.compactMap { m in
                        DayRange(start: m.startsOn.flatMap(Day.init) ?? Day("2000-01-01")!, end: m.endsOn.flatMap(Day.init) ?? Day("2100-12-31")!)
                            .map { StaffingFit.Allocation(percent: m.allocationPercent, period: $0) }
                    }
                }
            }
            let ranked: [StaffingFit.Suggestion<String>]
            if asked.isEmpty {
                // Anyone may fill it, and the fit is availability alone with ties by name: when `shown` are free in
                // the period, they are the list.
                let free = try await sql.raw("""
                    SELECT p.id, p.name FROM people p WHERE p.active = \(bind: true) AND NOT EXISTS (
                      SELECT 1 FROM engagement_members m WHERE m.person_id = p.id AND m.engagement_id <> \(bind: engagementID)
                      AND m.allocation_percent > 0 AND (m.starts_on IS NULL OR m.starts_on <= \(bind: period.end.description))
                      AND (m.ends_on IS NULL OR m.ends_on >= \(bind: period.start.description)))
                    ORDER BY p.name LIMIT \(bind: shown + taken.count)
                    """).all(decoding: StaffingPerson.self).filter { !taken.contains($0.id.uppercased()) }.prefix(shown)
                let people = free.count == shown ? Array(free)
                    : try await sql.raw("SELECT p.id, p.name FROM people p WHERE p.active = \(bind: true)").all(decoding: StaffingPerson.self)
                        .filter { !taken.contains($0.id.uppercased()) }
                let busy = try await allocations(of: free.count == shown ? free.map(\.id) : nil)
                ranked = StaffingFit.rank(people.map {
                    .init(id: $0.id.uppercased(), name: $0.name, levels: [:], wantsToGrow: [], allocations: busy[$0.id.uppercased()] ?? [])
                }, requirements: requirements, allocationPercent: profile.allocationPercent, period: period)
            } else {
                // Those holding a skill it asks for, best fit first, as many as can still be among the best.
                let holders = StaffingHolders(asked: asked, requirementCount: requirements.count, excluded: staffedIDs)
                var handed = 0
                ranked = try await StaffingFit.best(requirements: requirements, allocationPercent: profile.allocationPercent, period: period,
                                                    limit: shown, firstBatch: StaffingHolders.firstBatch, holders: { count in
                    defer { handed += count }
                    return try await holders.batch(offset: handed, count: count, on: db)
                }, allocations: { try await allocations(of: $0) })
            }
            let staffed = profile.staffedPersonId.flatMap(UUID.init(uuidString:)).flatMap { id in staffedNames[id].map { PersonRef(id: id, name: $0) } }
            result.append(StaffingProfileDTO(
                profileId: profile.id, role: profile.role, allocationPercent: profile.allocationPercent, staffed: staffed,
                candidates: ranked.prefix(shown).compactMap { r in UUID(uuidString: r.candidate.id).map { ($0, r) } }.map { id, r in
                    StaffingSuggestionDTO(person: PersonRef(id: id, name: r.candidate.name), score: r.score,
                                          reasons: r.reasons.map(locale.staffing), peakAllocationPercent: r.peakPercent,
                                          wouldOverallocate: r.wouldOverallocate)
                }))
        }
        return result
    }

    static func onboarding(engagementID: UUID, on db: any Database) async throws -> [OnboardingDTO] {
        let items = try await OnboardingItem.query(on: db).filter(\.$engagement.$id == engagementID).with(\.$person).sort(\.$position).all()
        return Dictionary(grouping: items, by: { $0.$person.id }).values.map { rows in
            OnboardingDTO(person: PersonRef(id: rows[0].person.id!, name: rows[0].person.name),
                          done: rows.filter { $0.doneAt != nil }.count, total: rows.count,
                          items: rows.map { OnboardingItemDTO(id: $0.id!, text: $0.text, done: $0.doneAt != nil, doneAt: $0.doneAt) })
        }
        .sorted { $0.person.name < $1.person.name }
    }
}

import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Reading the ledger: lists under the visibility rule, one promise with its history, and the ratio.
enum PromiseQueries {
    struct Filter {
        var ownerID: UUID?
        /// Receivers: person, customer or department ids (any kind).
        var toIDs: [UUID] = []
        var engagementID: UUID?
        /// A state, or "overdue".
        var state: String?
        var dueBefore: Day?
        /// Only open promises (made or draft), or only settled ones.
        var open: Bool?
        /// Latest due first (settled promises), instead of soonest first.
        var latestFirst = false
    }

    /// Promises visible to the scope, soonest due first unless asked otherwise.
    static func list(scope: PromiseAccess.Scope, filter: Filter, page: ListPage, today: Day, on db: any Database) async throws -> ([Promise], next: String?) {
        let query = PromiseAccess.restrict(Promise.query(on: db), to: scope)
        if let owner = filter.ownerID { query.filter(\.$owner.$id == owner) }
        if !filter.toIDs.isEmpty { query.filter(\.$receiverID ~~ filter.toIDs) }
        if let engagement = filter.engagementID { query.filter(\.$engagement.$id == engagement) }
        if let state = filter.state {
            if state == "overdue" {
                query.filter(\.$state == PromiseState.made.rawValue).filter(\.$dueDay < today.ordinal)
            } else {
                query.filter(\.$state == state)
            }
        }
        if let before = filter.dueBefore { query.filter(\.$dueDay < before.ordinal) }
        let openStates = [PromiseState.made.rawValue, PromiseState.draft.rawValue]
        if filter.open == true { query.filter(\.$state ~~ openStates) }
        if filter.open == false { query.filter(\.$state !~ openStates) }
        let order: KeysetOrder = filter.latestFirst ? .descending : .ascending
        return page.cut(try await query.keyset(page, by: .integer("due_day"), order).all()) {
            ListPage.Position(key: String($0.dueDay), id: $0.id!.uuidString)
        }
    }

    /// DTOs for promises, with names looked up in one query per kind.
    static func dtos(_ promises: [Promise], today: Day, on db: any Database) async throws -> [PromiseDTO] {
        guard !promises.isEmpty else { return [] }
        func ids(_ kind: PromiseReceiverKind) -> [UUID] { promises.filter { $0.receiver == kind }.map(\.receiverID) }
        let personIDs = Array(Set(promises.map { $0.$owner.id } + ids(.person)))
        let people = try await Person.query(on: db).filter(\.$id ~~ personIDs).all()
        let customerIDs = Array(Set(ids(.customer)))
        let customers = customerIDs.isEmpty ? [] : try await Customer.query(on: db).filter(\.$id ~~ customerIDs).all()
        let departmentIDs = Array(Set(ids(.department)))
        let departments = departmentIDs.isEmpty ? [] : try await Department.query(on: db).filter(\.$id ~~ departmentIDs).all()
        let contactIDs = Array(Set(promises.compactMap { $0.$receiverContact.id }))
        let contacts = contactIDs.isEmpty ? [] : try await CustomerContact.query(on: db).filter(\.$id ~~ contactIDs).all()
        let engagementIDs = Array(Set(promises.compactMap { $0.$engagement.id }))
        let engagements = engagementIDs.isEmpty ? [] : try await Engagement.query(on: db).filter(\.$id ~~ engagementIDs).all()
        let promiseIDs = promises.compactMap(\.id)
        let replacements = try await Promise.query(on: db).filter(\.$replaces.$id ~~ promiseIDs).all()

        func index<M: Model>(_ models: [M], _ name: (M) -> String) -> [UUID: String] where M.IDValue == UUID {
            Dictionary(models.map { ($0.id!, name($0)) }, uniquingKeysWith: { a, _ in a })
        }
        let personName = index(people, \.name), customerName = index(customers, \.name)
        let departmentName = index(departments, \.name), contactName = index(contacts, \.name)
        let engagementTitle = index(engagements, \.title)
        let replacedBy = Dictionary(replacements.compactMap { r in r.$replaces.id.map { ($0, r.id!) } }, uniquingKeysWith: { a, _ in a })

        return promises.map { p in
            let receiverName: String
            switch p.receiver {
            case .person: receiverName = personName[p.receiverID] ?? "?"
            case .department: receiverName = departmentName[p.receiverID] ?? "?"
            case .customer:
                let customer = customerName[p.receiverID] ?? "?"
                receiverName = p.$receiverContact.id.flatMap { contactName[$0] }.map { "\($0) (\(customer))" } ?? customer
            }
            return PromiseDTO(
                id: p.id!, text: p.text, state: p.state, overdue: p.promiseState.isOverdue(due: p.dueDate, today: today),
                due: p.due, owner: PersonRef(id: p.$owner.id, name: personName[p.$owner.id] ?? "?"),
                to: PromiseReceiverDTO(type: p.receiverKind, id: p.receiverID, name: receiverName, contactId: p.$receiverContact.id),
                engagement: p.$engagement.id.map { EngagementRef(id: $0, title: engagementTitle[$0] ?? "?") },
                source: p.source, sourceRef: p.sourceRef, seriesId: p.seriesID, recurrence: p.recurrence,
                replacesId: p.$replaces.id, replacedById: replacedBy[p.id!], settledOn: p.settledOn, note: p.note,
                confirmation: p.confirmation, confirmationNote: p.confirmationNote, createdAt: p.createdAt, updatedAt: p.updatedAt)
        }
    }

    /// One promise's DTO as of today.
    static func dto(_ promise: Promise, app: Application) async throws -> PromiseDTO {
        try await dtos([promise], today: PromiseActions.today(app), on: app.db)[0]
    }

    static func history(of promiseID: UUID, on db: any Database) async throws -> [PromiseHistoryDTO] {
        try await PromiseTransition.query(on: db).filter(\.$promise.$id == promiseID).with(\.$actor).sort(\.$createdAt).all().map {
            PromiseHistoryDTO(from: $0.fromState, to: $0.toState, note: $0.note, by: PersonRef(id: $0.actor.id!, name: $0.actor.name), at: $0.createdAt)
        }
    }

    // MARK: The say-do ratio

    enum StatsScope: String, CaseIterable {
        case person, department, engagement, customer, company
    }

    struct Stats {
        var total: SayDo.Tally
        var overdue: Int
        var weeks: [SayDo.Week]
    }

    /// The ratio for a scope and period, from the stored contribution columns: one grouped query for
    /// the weeks (the total is their sum) and one count of what is overdue now.
    static func stats(scope: StatsScope, id: UUID?, from: Day, to: Day, today: Day, on db: any Database) async throws -> Stats {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Stats need an SQL database") }
        let filter: SQLQueryString
        switch (scope, id) {
        case (.person, let id?): filter = "AND owner_id = \(bind: id)"
        case (.department, let id?): filter = "AND owner_id IN (SELECT id FROM people WHERE department_id = \(bind: id))"
        case (.engagement, let id?): filter = "AND engagement_id = \(bind: id)"
        case (.customer, let id?): filter = "AND customer_id = \(bind: id)"
        default: filter = ""
        }
        struct WeekRow: Decodable { let week: Int; let counted: Int; let kept: Int }
        let rows = try await sql.raw("""
            SELECT (counted_day + 3) / 7 AS week, COUNT(*) AS counted, SUM(CASE WHEN kept_on_time THEN 1 ELSE 0 END) AS kept
            FROM promises
            WHERE counts = \(bind: true) AND counted_day >= \(bind: from.ordinal) AND counted_day <= \(bind: to.ordinal)
              AND (state <> 'made' OR counted_day < \(bind: today.ordinal)) \(filter)
            GROUP BY (counted_day + 3) / 7
            """).all(decoding: WeekRow.self)
        var tallies: [Day: SayDo.Tally] = [:]
        var total = SayDo.Tally()
        for row in rows {
            let tally = SayDo.Tally(keptOnTime: row.kept, counted: row.counted)
            tallies[Day(ordinal: row.week * 7 - 3)] = tally
            total = total + tally
        }
        struct CountRow: Decodable { let n: Int }
        let overdue = try await sql.raw("""
            SELECT COUNT(*) AS n FROM promises WHERE state = 'made' AND due_day < \(bind: today.ordinal) \(filter)
            """).first(decoding: CountRow.self)?.n ?? 0
        return Stats(total: total, overdue: overdue, weeks: SayDo.weeks(from: from, to: to, tallies: tallies))
    }

    static func statsDTO(_ s: Stats, scope: StatsScope, id: UUID?, from: Day, to: Day) -> SayDoStatsDTO {
        SayDoStatsDTO(scope: scope.rawValue, id: id, from: from.description, to: to.description, ratio: s.total.ratio,
                      keptOnTime: s.total.keptOnTime, counted: s.total.counted, overdue: s.overdue,
                      weekly: s.weeks.map { SayDoWeekDTO(weekStart: $0.start.description, keptOnTime: $0.tally.keptOnTime,
                                                         counted: $0.tally.counted, ratio: $0.tally.ratio) })
    }
}

import Fluent
import FluentSQL
import SQLKit
import Vapor
import LovnadCore

/// Who may see a promise, decided in one place and applied as a query filter, so that lists, single
/// promises and stats agree:
/// - on an engagement: where the engagement is visible;
/// - to a customer without an engagement: the owner, the owner's leaders and admins;
/// - to a colleague: the two of them and their leaders;
/// - to a department: the owner, the owner's leaders, the department's people and admins.
/// A leader of someone is their direct leader, or a person with the leader role in their department.
enum PromiseAccess {
    struct Scope: Sendable {
        var userID: UUID
        var isAdmin: Bool
        var departmentID: UUID?
        /// People this user leads.
        var led: [UUID]
        /// The engagements whose promises the user sees, as a subquery (`EngagementVisibility`); nil: all.
        var engagements: SQLQueryString?
    }

    static func scope(for user: CurrentUser, on db: any Database) async throws -> Scope {
        Scope(userID: user.id, isAdmin: user.isAdmin, departmentID: user.person.$department.id,
              led: try await ledPeople(by: user, on: db), engagements: EngagementVisibility.ids(user))
    }

    static func ledPeople(by user: CurrentUser, on db: any Database) async throws -> [UUID] {
        let query = Person.query(on: db).filter(\.$id != user.id)
        if user.has(.leader), let department = user.person.$department.id {
            query.group(.or) { $0.filter(\.$leader.$id == user.id).filter(\.$department.$id == department) }
        } else {
            query.filter(\.$leader.$id == user.id)
        }
        return try await query.all(\.$id)
    }

    /// Narrows a query to the promises the scope may see. One who sees every engagement (an admin) sees
    /// most promises, so the filter is a plain condition and a list walks the due-date index until it has
    /// a page. Anyone else sees a few among many: the ids come from one indexed lookup per reason to see
    /// a promise, so no list reads the whole table (a consultant's promise list took 75 ms among 100,000).
    @discardableResult
    static func restrict(_ query: QueryBuilder<Promise>, to scope: Scope) -> QueryBuilder<Promise> {
        guard scope.engagements != nil else { return query.filter(sql: seeingAllEngagements(scope, in: Promise.schema)) }
        return query.filter(sql: "\(ident: Promise.schema).\(ident: "id") IN (\(visibleIDs(scope)))")
    }

    /// The ids of the promises the scope may see, as a subquery (search filters its hits by it).
    static func visibleIDs(_ scope: Scope) -> SQLQueryString {
        guard let engagements = scope.engagements else { return "SELECT id FROM promises WHERE \(seeingAllEngagements(scope, in: "promises"))" }
        let person = PromiseReceiverKind.person.rawValue, department = PromiseReceiverKind.department.rawValue
        var reasons: [SQLQueryString] = [
            "SELECT id FROM promises WHERE engagement_id IN (\(engagements))",
            "SELECT id FROM promises WHERE engagement_id IS NULL AND owner_id = \(bind: scope.userID)",
            "SELECT id FROM promises WHERE engagement_id IS NULL AND receiver_kind = \(bind: person) AND receiver_id = \(bind: scope.userID)",
        ]
        if !scope.led.isEmpty {
            let led = scope.led.map { $0 as any Encodable & Sendable }
            reasons.append("SELECT id FROM promises WHERE engagement_id IS NULL AND owner_id IN (\(binds: led))")
            reasons.append("SELECT id FROM promises WHERE engagement_id IS NULL AND receiver_kind = \(bind: person) AND receiver_id IN (\(binds: led))")
        }
        if let mine = scope.departmentID {
            reasons.append("SELECT id FROM promises WHERE engagement_id IS NULL AND receiver_kind = \(bind: department) AND receiver_id = \(bind: mine)")
        }
        if scope.isAdmin {
            reasons.append("SELECT id FROM promises WHERE engagement_id IS NULL AND receiver_kind <> \(bind: person)")
        }
        var union: SQLQueryString = ""
        for (i, reason) in reasons.enumerated() { union = i == 0 ? reason : union + " UNION ALL " + reason }
        return union
    }

    /// The rule for one who sees every engagement (an admin), as a condition on `table`'s rows: a plain
    /// condition, so a list walks the due-date index until it has a page.
    private static func seeingAllEngagements(_ scope: Scope, in table: String) -> SQLQueryString {
        let person = PromiseReceiverKind.person.rawValue, department = PromiseReceiverKind.department.rawValue
        func column(_ name: String) -> SQLQueryString { "\(ident: table).\(ident: name)" }
        var who: [SQLQueryString] = [
            "\(column("owner_id")) = \(bind: scope.userID)",
            "(\(column("receiver_kind")) = \(bind: person) AND \(column("receiver_id")) = \(bind: scope.userID))",
        ]
        if !scope.led.isEmpty {
            let led = scope.led.map { $0 as any Encodable & Sendable }
            who.append("\(column("owner_id")) IN (\(binds: led))")
            who.append("(\(column("receiver_kind")) = \(bind: person) AND \(column("receiver_id")) IN (\(binds: led)))")
        }
        if let mine = scope.departmentID {
            who.append("(\(column("receiver_kind")) = \(bind: department) AND \(column("receiver_id")) = \(bind: mine))")
        }
        if scope.isAdmin { who.append("\(column("receiver_kind")) <> \(bind: person)") }
        return "(\(column("engagement_id")) IS NOT NULL OR (\(column("engagement_id")) IS NULL AND (\(who.joined(separator: " OR ")))))"
    }

    /// The promise if the user may see it; otherwise 404, whether or not it exists. An engagement's
    /// promise is checked against that one engagement, so the user's full scope is not needed.
    static func visible(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Promise {
        let notFound = AppError.notFound("No such promise")
        guard let promise = try await Promise.query(on: db).filter(\.$id == id).with(\.$owner).with(\.$engagement).first() else {
            throw notFound
        }
        if let engagementID = promise.$engagement.id {
            guard try await EngagementVisibility.canSee(engagementID, user: user, on: db) else { throw notFound }
            return promise
        }
        guard try await restrict(Promise.query(on: db).filter(\.$id == id), to: try await scope(for: user, on: db)).first() != nil else {
            throw notFound
        }
        return promise
    }

    /// Whose ratio the user may see: their own, people they lead, and (admins) anyone.
    static func canSeePerson(_ personID: UUID, scope: Scope) -> Bool {
        scope.isAdmin || personID == scope.userID || scope.led.contains(personID)
    }

    /// A department's ratio: its own people, leaders in it, and admins.
    static func canSeeDepartment(_ departmentID: UUID, scope: Scope) -> Bool {
        scope.isAdmin || scope.departmentID == departmentID
    }
}

extension PromiseAccess {
    /// Ratios follow the visibility of what they count: a person's to them and those who lead them, a
    /// department's to its people, an engagement's where it is visible, a customer's to sales, leaders,
    /// admins and anyone on one of its engagements. The company's is everyone's. Otherwise 404.
    static func authorizeStats(scope kind: PromiseQueries.StatsScope, id: UUID?, user: CurrentUser, on db: any Database) async throws {
        guard let id else { return }
        let notFound = AppError.notFound("Nothing to show for this scope")
        switch kind {
        case .company:
            return
        case .person:
            guard try await Person.find(id, on: db) != nil,
                  canSeePerson(id, scope: try await scope(for: user, on: db)) else { throw notFound }
        case .department:
            guard try await Department.find(id, on: db) != nil,
                  canSeeDepartment(id, scope: try await scope(for: user, on: db)) else { throw notFound }
        case .engagement:
            _ = try await EngagementAccess.visible(id, user: user, on: db)
        case .customer:
            guard try await Customer.find(id, on: db) != nil else { throw notFound }
            if user.isAdmin || user.has(.leader) || user.has(.sales) { return }
            // One of its engagements the user may see is enough.
            let query = Engagement.query(on: db).filter(\.$customer.$id == id)
            if try await EngagementVisibility.restrict(query, to: user).count() == 0 { throw notFound }
        }
    }
}

extension Request {
    /// The caller and the `:id` promise, 404 unless they may see it: checked before any body is read,
    /// so a bad body for someone else's promise still says only "not found".
    func visiblePromise() async throws -> (CurrentUser, Promise) {
        let user = try requireUser()
        return (user, try await PromiseAccess.visible(try uuidParameter("id"), user: user, on: db))
    }
}

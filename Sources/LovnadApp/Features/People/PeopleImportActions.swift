import Fluent
import Vapor
import LovnadCore

/// Imports people from CSV. Good lines are imported together; a bad line is reported and
/// nothing of it is written. Idempotent by e-mail.
enum PeopleImportActions {
    struct Report {
        var created = 0
        var updated = 0
        var errors: [ImportLineError] = []
        var newSkills: [String] = []
        var newDepartments: [String] = []
    }

    static func run(csv text: String, actorID: UUID?, app: Application,
                    progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Report {
        let parsed = try PeopleCSV.parse(text)
        // One write: who exists is read where the import writes, so the check of leaders and the rows
        // it lets through see the same people.
        return try await app.store.write { ctx -> Report in
            let db = ctx.db
            let now = ctx.now
            var report = Report()
            report.errors = parsed.errors
            var people = Dictionary(uniqueKeysWithValues: try await Person.query(on: db).all().map { ($0.email, $0) })

            // A leader must be someone known; dropping a line can orphan another, so repeat until stable.
            var rows = parsed.rows
            while true {
                let known = Set(people.keys).union(rows.map(\.email.value))
                let orphans = rows.filter { row in row.leaderEmail.map { !known.contains($0.value) } ?? false }
                if orphans.isEmpty { break }
                for row in orphans {
                    report.errors.append(.init(line: row.line, reason: "leader_email \(row.leaderEmail!) is neither in Lovnad nor in this file"))
                }
                let dropped = Set(orphans.map(\.line))
                rows.removeAll { dropped.contains($0.line) }
            }
            report.errors.sort { $0.line < $1.line }
            let toImport = rows, total = rows.count, errorCount = report.errors.count

            var skillIndex = try await SkillLookup.index(on: db)
            var departments = Dictionary(uniqueKeysWithValues: try await Department.query(on: db).all().map { ($0.name, $0) })
            for (i, row) in toImport.enumerated() {
                var departmentID: UUID?
                if let name = row.department {
                    if departments[name] == nil {
                        departments[name] = try await DepartmentActions.findOrCreate(name: name, ctx)
                        report.newDepartments.append(name)
                    }
                    departmentID = departments[name]!.id
                }
                let person: Person
                if let found = people[row.email.value] {
                    person = found
                    person.setName(row.name)
                    person.title = row.title
                    person.$department.id = departmentID
                    person.roles = row.roles
                    person.updatedAt = now
                    try await person.update(on: db)
                    report.updated += 1
                } else {
                    person = Person(email: row.email.value, name: row.name, title: row.title, departmentID: departmentID,
                                    leaderID: nil, roles: row.roles, passwordHash: nil, now: now)
                    try await person.create(on: db)
                    people[row.email.value] = person
                    report.created += 1
                }
                for claim in row.skills {
                    let key = skillLookupKey(claim.name)
                    if skillIndex[key] == nil {
                        let skill = Skill(name: claim.name, nameKey: key, category: nil, now: now)
                        try await skill.create(on: db)
                        skillIndex[key] = skill
                        report.newSkills.append(claim.name)
                    }
                    let skillID = skillIndex[key]!.id!
                    if let held = try await PersonSkill.query(on: db).filter(\.$person.$id == person.id!)
                        .filter(\.$skill.$id == skillID).first() {
                        if held.level != claim.level {
                            held.level = claim.level
                            held.updatedAt = now
                            try await held.update(on: db)
                        }
                    } else {
                        try await PersonSkill(personID: person.id!, skillID: skillID, level: claim.level, wantsToGrow: false,
                                              lastUsedYear: nil, now: now).create(on: db)
                    }
                }
                if (i + 1) % 25 == 0 || i + 1 == total { progress(i + 1, total) }
            }
            for row in toImport {
                let person = people[row.email.value]!
                let leaderID = row.leaderEmail.flatMap { people[$0.value]?.id }
                if person.$leader.id != leaderID {
                    person.$leader.id = leaderID
                    try await person.update(on: db)
                }
            }
            try await ctx.audit(actorID: actorID, action: "people.imported", target: "\(total) people",
                                detail: "created \(report.created), updated \(report.updated), failed lines \(errorCount)")
            // Departments and leaders changed: so may who belongs in which channel.
            try await ChannelSyncActions.departments(ctx)
            try await ChannelSyncActions.engagements(ctx)
            for row in toImport { ctx.emit(PersonEvents.changed(people[row.email.value]!.id!, type: .personImported)) }
            return report
        }
    }
}

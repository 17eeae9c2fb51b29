import Fluent
import Vapor
import LovnadCore

enum DepartmentActions {
    static func findOrCreate(name: String, _ ctx: WriteContext) async throws -> Department {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let existing = try await Department.query(on: ctx.db).filter(\.$name == trimmed).first() { return existing }
        let department = Department(name: trimmed, now: ctx.now)
        try await department.create(on: ctx.db)
        return department
    }
}

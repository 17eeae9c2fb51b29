import Fluent
import SQLKit
import Vapor

/// `/healthz`: the process answers. `/readyz`: the database answers too.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz") { _ in ["status": "ok"] }
        routes.get("readyz", use: ready)
    }

    func ready(req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("SELECT 1").run()
            return try await ["status": "ready"].encodeResponse(for: req)
        } catch {
            req.logger.warning("readiness check failed: \(error)")
            let response = try await ["status": "unavailable"].encodeResponse(status: .serviceUnavailable, for: req)
            return response
        }
    }
}

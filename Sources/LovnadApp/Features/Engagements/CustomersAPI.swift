import Fluent
import LovnadCore
import Vapor

struct CustomersAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("customers", use: list)
        routes.post("customers", use: create)
    }

    func list(req: Request) async throws -> ListResponse<CustomerDTO> {
        _ = try req.requireUser()
        let page = try req.pageRequest()
        let (rows, next) = page.cut(try await Customer.query(on: req.db).with(\.$contacts).keyset(page, by: .text("name_key"), .ascending).all()) {
            ListPage.Position(key: $0.nameKey, id: $0.id!.uuidString)
        }
        return ListResponse(items: rows.map(CustomerDTO.init), nextCursor: next)
    }

    struct Body: Decodable {
        struct Contact: Decodable { var name: String?; var role: String?; var email: String?; var phone: String? }
        var name: String?
        var orgNumber: String?
        var notes: String?
        var contacts: [Contact]?
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(Body.self)
        let customer = try await CustomerActions.create(.init(
            name: body.name ?? "", orgNumber: body.orgNumber, notes: body.notes ?? "",
            contacts: (body.contacts ?? []).map { .init(name: $0.name ?? "", role: $0.role ?? "", email: $0.email ?? "", phone: $0.phone ?? "") }),
            actor: user, app: req.application)
        try await customer.$contacts.load(on: req.db)
        return try await CustomerDTO(customer).encodeResponse(status: .created, for: req)
    }
}

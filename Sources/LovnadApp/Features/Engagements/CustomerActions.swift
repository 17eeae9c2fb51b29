import Fluent
import Vapor
import LovnadCore

enum CustomerActions {
    struct NewContact { var name: String; var role: String; var email: String; var phone: String }

    struct NewCustomer {
        var name: String
        var orgNumber: String?
        var notes: String
        var contacts: [NewContact]
    }

    static func create(_ new: NewCustomer, actor: CurrentUser, app: Application) async throws -> Customer {
        guard actor.isAdmin || actor.has(.sales) || actor.has(.leader) else {
            throw AppError.forbidden(.refuseCustomerCreators)
        }
        var errors = FieldErrors()
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { errors.add("name", .length(min: 1, max: 200)) }
        var orgNumber: OrganisationNumber?
        if let raw = new.orgNumber, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            orgNumber = OrganisationNumber(raw)
            if orgNumber == nil { errors.add("org_number", .invalidOrgNumber) }
        }
        if new.notes.count > 10_000 { errors.add("notes", .tooLong(max: 10_000)) }
        for (i, c) in new.contacts.enumerated() {
            if c.name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("contacts[\(i)].name", .required) }
            if !c.email.isEmpty, EmailAddress(c.email) == nil { errors.add("contacts[\(i)].email", .notAnEmail) }
        }
        let checked = errors
        let digits = orgNumber?.digits
        return try await app.store.write { ctx -> Customer in
            let db = ctx.db
            let now = ctx.now
            var errors = checked
            if let digits, try await Customer.query(on: db).filter(\.$orgNumber == digits).first() != nil {
                errors.add("org_number", .orgNumberInUse)
            }
            try errors.throwIfAny()
            let customer = Customer(name: name, orgNumber: digits, notes: new.notes, now: now)
            try await customer.create(on: db)
            for c in new.contacts {
                try await CustomerContact(customerID: customer.id!, name: c.name.trimmingCharacters(in: .whitespaces), role: c.role,
                                          email: EmailAddress(c.email)?.value ?? "", phone: c.phone).create(on: db)
            }
            ctx.emit(.stored(.customerCreated, ["customer_id": customer.id!.uuidString]))
            return customer
        }
    }
}

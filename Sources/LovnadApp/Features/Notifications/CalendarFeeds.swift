import Crypto
import Fluent
import Vapor
import LovnadCore

/// Private ICS feeds of the promises a person owns that are made and not yet settled. The URL holds
/// `person.version.mac`; the MAC is of person and version under the calendar feed's own key, which
/// signs nothing else. Revoking raises the version, so every earlier address stops working.
enum CalendarFeeds {
    static func mac(personID: UUID, version: Int, keys: SigningKeys) -> String {
        keys.sign(signed(personID, version), for: .calendarFeed)
    }

    private static func signed(_ personID: UUID, _ version: Int) -> String { "\(personID.uuidString.lowercased()):\(version)" }

    /// The current address. Until the first revocation there is no row and the version is 1, so
    /// reading the address writes nothing.
    static func url(for personID: UUID, app: Application) async throws -> String {
        let version = try await CalendarFeed.query(on: app.db).filter(\.$person.$id == personID).first()?.version ?? 1
        let mac = mac(personID: personID, version: version, keys: app.signingKeys)
        return "\(app.settings.baseURL)/calendar/\(personID.uuidString.lowercased()).\(version).\(mac).ics"
    }

    /// The person a token belongs to, if it is the current one for an active person.
    static func person(for token: String, app: Application) async throws -> Person? {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 3, let personID = UUID(uuidString: parts[0]), let version = Int(parts[1]) else { return nil }
        let current = try await CalendarFeed.query(on: app.db).filter(\.$person.$id == personID).first()?.version ?? 1
        guard version == current else { return nil }
        guard app.signingKeys.verify(parts[2], of: signed(personID, version), for: .calendarFeed) else { return nil }
        return try await Person.query(on: app.db).filter(\.$id == personID).filter(\.$active == true).first()
    }

    static func render(for person: Person, app: Application) async throws -> String {
        let t = Localizer(person.chosenLocale ?? app.settings.defaultLocale)
        let promises = try await Promise.query(on: app.db).filter(\.$owner.$id == person.id!)
            .filter(\.$state == PromiseState.made.rawValue).sort(\.$dueDay).all()
        let dtos = try await PromiseQueries.dtos(promises, today: PromiseActions.today(app), on: app.db)
        let events = zip(promises, dtos).map { promise, dto in
            ICalendar.Event(uid: "\(dto.id.uuidString.lowercased())@lovnad", day: promise.dueDate,
                            summary: t(.calendarEventSummary, ["text": dto.text]),
                            description: t(.calendarEventDescription, ["to": dto.to.name, "owner": dto.owner.name]),
                            url: "\(app.settings.baseURL)/promises/\(dto.id)", stamp: promise.updatedAt)
        }
        return ICalendar(name: t(.calendarName), events: events).render()
    }
}

/// `GET /calendar/{token}.ics`: no sign-in, the secret in the address is the credential.
struct CalendarFeedRoute: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", ":token", use: feed)
    }

    func feed(req: Request) async throws -> Response {
        var token = try req.parameters.require("token")
        guard token.hasSuffix(".ics") else { throw AppError.notFound() }
        token.removeLast(4)
        guard let person = try await CalendarFeeds.person(for: token, app: req.application) else { throw AppError.notFound() }
        let response = Response(status: .ok, body: .init(string: try await CalendarFeeds.render(for: person, app: req.application)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return response
    }
}

import Fluent
import LovnadCore
import Vapor

/// Personal API tokens: created and revoked by their owner (or the CLI). Only hashes are stored.
enum TokenActions {
    static let prefix = "lvn_"

    struct Created {
        let token: APIToken
        let secret: String
    }

    static func create(personID: UUID, name: String, app: Application) async throws -> Created {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw AppError.invalid(["name": .length(min: 1, max: 100)]) }
        let secret = prefix + RandomToken.make(bytes: 32)
        let token = try await app.store.write { ctx in
            guard let person = try await Person.find(personID, on: ctx.db), person.active else { throw AppError.notFound() }
            let token = APIToken(personID: personID, name: trimmed, tokenHash: RandomToken.hash(secret),
                                 prefix: String(secret.prefix(prefix.count + 6)), now: ctx.now)
            try await token.create(on: ctx.db)
            return token
        }
        return Created(token: token, secret: secret)
    }

    /// One token each for many people, in one write (`lovnad bench-data sign-ins`); the secrets in order.
    static func createMany(for personIDs: [UUID], name: String, app: Application) async throws -> [String] {
        let secrets = personIDs.map { _ in prefix + RandomToken.make(bytes: 32) }
        try await app.store.write { ctx in
            let tokens = zip(secrets, personIDs).map { secret, person in
                APIToken(personID: person, name: name, tokenHash: RandomToken.hash(secret), prefix: String(secret.prefix(prefix.count + 6)), now: ctx.now)
            }
            for chunk in tokens.chunked(500) { try await chunk.create(on: ctx.db) }
        }
        return secrets
    }

    /// Only the owner's own tokens; anyone else's id is not found.
    static func revoke(tokenID: UUID, ownerID: UUID, app: Application) async throws {
        try await app.store.write { ctx in
            guard let token = try await APIToken.query(on: ctx.db).filter(\.$id == tokenID).filter(\.$person.$id == ownerID).first() else {
                throw AppError.notFound()
            }
            guard token.revokedAt == nil else { return }
            token.revokedAt = ctx.now
            try await token.update(on: ctx.db)
            // Live connections opened with the token end too.
            ctx.emit(LiveEvent.accessRevoked(personID: ownerID, credential: .token(tokenID)))
        }
    }

    static func list(ownerID: UUID, on db: any Database) async throws -> [APIToken] {
        try await APIToken.query(on: db).filter(\.$person.$id == ownerID).sort(\.$createdAt, .descending).all()
    }
}

struct TokenDTO: Content {
    let id: UUID
    let name: String
    let prefix: String
    let createdAt: Date
    @NullEncoded var lastUsedAt: Date?
    @NullEncoded var revokedAt: Date?
    /// Set only in the answer that creates the token.
    @NullEncoded var token: String?

    init(_ t: APIToken, secret: String? = nil) {
        id = t.id!
        name = t.name
        prefix = t.prefix
        createdAt = t.createdAt
        lastUsedAt = t.lastUsedAt
        revokedAt = t.revokedAt
        token = secret
    }
}

import Fluent
import Vapor
import LovnadCore

/// Which of the credentials behind open live connections still hold: the session exists, is within
/// its idle and absolute limits and belongs to an active person; the token is not revoked and belongs
/// to an active person. Read in chunks, one query per chunk and kind.
enum LiveCredentials {
    static func stillValid(_ credentials: [CurrentUser.Credential], now: Date, policy: SessionPolicy,
                           on db: any Database) async throws -> Set<CurrentUser.Credential> {
        var sessionIDs = Set<UUID>(), tokenIDs = Set<UUID>()
        for credential in credentials {
            switch credential {
            case .session(let id): sessionIDs.insert(id)
            case .token(let id): tokenIDs.insert(id)
            case .commandLine: break
            }
        }
        var valid = Set<CurrentUser.Credential>()
        for chunk in Array(sessionIDs).chunked(500) {
            for session in try await UserSession.query(on: db).filter(\.$id ~~ chunk).with(\.$person).all()
            where session.person.active && policy.isActive(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) {
                valid.insert(.session(session.id!))
            }
        }
        for chunk in Array(tokenIDs).chunked(500) {
            for token in try await APIToken.query(on: db).filter(\.$id ~~ chunk).filter(\.$revokedAt == nil).with(\.$person).all()
            where token.person.active {
                valid.insert(.token(token.id!))
            }
        }
        return valid
    }
}

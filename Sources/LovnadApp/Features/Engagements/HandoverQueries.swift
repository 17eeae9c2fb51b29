import Fluent
import Vapor
import LovnadCore

enum HandoverQueries {
    struct State {
        let package: HandoverPackage
        let revision: Int
        let lastReview: HandoverReview?
        /// The package as it was at the last review, to show what changed since.
        let reviewedPackage: HandoverPackage?

        /// Signed off by the delivery lead, on the revision that is current.
        var signedOffCurrent: Bool {
            guard let review = lastReview else { return false }
            return review.$signedOffBy.id != nil && review.revisionNumber == revision
        }
    }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = .sortedKeys
        return e
    }()

    static func package(_ revision: HandoverRevision?) throws -> HandoverPackage {
        guard let revision else { return HandoverPackage() }
        return try decoder.decode(HandoverPackage.self, from: Data(revision.content.utf8))
    }

    static func state(of engagementID: UUID, on db: any Database) async throws -> State {
        let current = try await HandoverRevision.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$number, .descending).first()
        let review = try await HandoverReview.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$createdAt, .descending).first()
        var reviewed: HandoverPackage?
        if let review {
            let at = try await HandoverRevision.query(on: db).filter(\.$engagement.$id == engagementID)
                .filter(\.$number == review.revisionNumber).first()
            reviewed = try package(at)
        }
        return State(package: try package(current), revision: current?.number ?? 0, lastReview: review, reviewedPackage: reviewed)
    }
}

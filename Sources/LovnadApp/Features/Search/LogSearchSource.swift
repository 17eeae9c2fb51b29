import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Engagement log entries, found by their text (what Lovnad wrote itself, in both languages), seen by
/// those who may see the engagement.
struct LogSearchSource: SearchSource {
    let kind = SearchKind.log

    /// Entries are indexed as they are appended (`WriteContext.appendLog`); no event needs reading.
    func changed(by event: LiveEventDraft) -> [UUID] { [] }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        try await LogEntry.query(on: db).filter(\.$id ~~ ids).all().map { e in
            let written = e.lines.flatMap(LogLine.parse).map { lines in
                AppLocale.allCases.map { LogLineText.body(lines, in: $0) }.joined(separator: "\n")
            }
            let text = [e.body, written ?? "", e.tags.split(separator: ",").joined(separator: " ")].filter { !$0.isEmpty }.joined(separator: "\n")
            return SearchDocument(kind: kind, refID: e.id!, parentID: nil, title: "", body: text, scope: .engagement,
                                  scopeID: e.$engagement.id, authorID: e.$author.id,
                                  at: Date(timeIntervalSince1970: Double(e.createdAtMilliseconds) / 1000))
        }
    }

    func ids(after: UUID?, limit: Int, on db: any Database) async throws -> [UUID] {
        try await ids(of: LogEntry.schema, after: after, limit: limit, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        let engagements = try await Engagement.query(on: db).filter(\.$id ~~ Set(hits.compactMap(\.scopeID))).all()
        let titles = Dictionary(uniqueKeysWithValues: engagements.map { ($0.id!, $0.title) })
        let entries = try await LogEntry.query(on: db).filter(\.$id ~~ hits.map(\.refID)).all()
        let sequences = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0.sequence) })
        return Dictionary(uniqueKeysWithValues: hits.compactMap { h in
            h.scopeID.map { e in
                let anchor = sequences[h.refID].map { "entry-\($0)" }
                return (h.documentID, SearchHit.Shown(title: titles[e] ?? "", path: SiteURL.engagement(e).with(anchor: anchor)))
            }
        })
    }
}

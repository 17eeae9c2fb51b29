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
                                  at: Self.time(e.createdAtMilliseconds))
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        struct Row: Decodable { let id: UUID; let created_at_ms: Int64 }
        return try await (db as! any SQLDatabase).raw("SELECT id, created_at_ms FROM log_entries").all(decoding: Row.self)
            .map { SearchStamp(id: $0.id, at: Self.time($0.created_at_ms)) }
    }

    static func time(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

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

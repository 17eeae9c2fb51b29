import Fluent
import Vapor
import LovnadCore

/// One search hit as the API returns it and the results page shows it.
struct SearchResultDTO: Content {
    let type: String
    let id: UUID
    let title: String
    /// Original text around the first match, whitespace folded.
    let snippet: String
    /// The matched words in `snippet`, as `[from, to)` UTF-16 offsets.
    let snippetMarks: [[Int]]
    let url: String
    let at: Date
    /// Found as part of a compound rather than as a whole word.
    let partial: Bool
}

/// What a search asks for, read from `?q=&type=` and checked: a query of at most `SearchQuery.maxLength`
/// characters with at least one word, and known types.
struct SearchRequest: Sendable {
    let text: String
    let query: SearchQuery
    let kinds: [SearchKind]

    init(text: String?, types: String?) throws {
        var errors = FieldErrors()
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.add("q", .required) } else if text.count > SearchQuery.maxLength { errors.add("q", .tooLong(max: SearchQuery.maxLength)) }
        let names = (types ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let kinds = names.compactMap(SearchKind.init(rawValue:))
        if kinds.count != names.count { errors.add("type", .unknownKind) }
        try errors.throwIfAny()
        self.text = text
        self.query = SearchQuery(text)
        self.kinds = kinds
    }
}

enum SearchResults {
    /// A page of hits the user may see, described by their sources.
    static func page(_ request: SearchRequest, for user: CurrentUser, page: ListPage, app: Application,
                     on db: any Database) async throws -> (items: [SearchResultDTO], next: String?) {
        guard !request.query.isEmpty else { return ([], nil) }
        let (hits, next) = try await SearchQueries.search(request.query, kinds: request.kinds, for: user, page: page, on: db)
        var shown: [Int64: SearchHit.Shown] = [:]
        for source in app.searchSources.all {
            let mine = hits.filter { $0.kind == source.kind }
            if !mine.isEmpty { shown.merge(try await source.describe(mine, on: db)) { a, _ in a } }
        }
        let items = hits.compactMap { hit -> SearchResultDTO? in
            guard let s = shown[hit.documentID] else { return nil }
            let snippet = SearchSnippet.cut(hit.body.isEmpty ? hit.title : hit.body, for: request.query)
            return SearchResultDTO(type: hit.kind.rawValue, id: hit.refID, title: s.title, snippet: snippet.text, snippetMarks: snippet.marks,
                                   url: s.path, at: hit.at, partial: hit.pass == .compound)
        }
        return (items, next)
    }
}

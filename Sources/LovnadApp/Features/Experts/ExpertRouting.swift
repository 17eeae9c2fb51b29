import Fluent
import Vapor
import LovnadCore

/// Who knows a skill as routing ranks them (`QuestionRouting`): level and endorsements, accepted answers,
/// engagements that needed it and how quickly they answer, each with the reasons and whether they can
/// answer now, a page at a time by a cursor on the ranking.
enum ExpertRouting {
    /// One page of a skill's ranking, for the who-knows page.
    struct Found {
        let skill: Skill
        let ranked: [RoutedCandidate<UUID>]
        let next: String?
    }

    /// The page for a skill by name or synonym; nil when no skill has it.
    static func found(_ nameOrSynonym: String, asker: CurrentUser, _ page: ListPage, now: Date, zone: TimeZone,
                      on db: any Database) async throws -> Found? {
        guard let skill = try await SkillLookup.find(nameOrSynonym, on: db) else { return nil }
        let (ranked, next) = try await self.page(for: skill, asker: asker, page, now: now, zone: zone, on: db)
        return Found(skill: skill, ranked: ranked, next: next)
    }

    static func page(for skill: Skill, asker: CurrentUser, _ page: ListPage, now: Date, zone: TimeZone,
                     on db: any Database) async throws -> (items: [RoutedCandidate<UUID>], next: String?) {
        var cursor: (score: Double, key: String)?
        if let after = page.after {
            let parts = after.key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let score = Double(parts[0]) else { throw AppError.invalid(["cursor": .unknownCursor]) }
            cursor = (score, String(parts[1]))
        }
        let today = Day(now, in: zone)
        let rules = RoutingRules.standard
        let candidates = try await ExpertRankingQuery.candidates(skill: skill, asker: asker.id, below: cursor?.score, limit: page.limit,
                                                                 rules: rules, year: today.year, today: today, on: db)
        // The ranking with its last tie broken by id, so a cursor finds its place again.
        let ranked = QuestionRouting.rank(candidates, rules: rules, currentYear: today.year)
            .sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.candidate.sortKey != b.candidate.sortKey { return a.candidate.sortKey < b.candidate.sortKey }
                return a.candidate.id.uuidString < b.candidate.id.uuidString
            }
        let (rows, next) = page.page(of: ranked, position: { ListPage.Position(key: "\($0.score):\($0.candidate.sortKey)", id: $0.candidate.id.uuidString) },
                                     comesAfter: { r, at in
            guard let cursor else { return true }
            if r.score != cursor.score { return r.score < cursor.score }
            if r.candidate.sortKey != cursor.key { return r.candidate.sortKey > cursor.key }
            return r.candidate.id.uuidString > at.id
        })
        return (rows, next)
    }

    /// Their reasons in the reader's language: the skill's own as who-knows gives them (level of 5,
    /// endorsements, last use, wish to grow), then what routing adds (answers, engagements, speed).
    static func reasons(_ r: RoutedCandidate<UUID>, currentYear: Int, _ t: Localizer) -> [String] {
        let own = r.candidate.holdings.first.map { h in
            ExpertRanking.ranked(ExpertCandidate(id: r.candidate.id, name: r.candidate.name, level: h.level, endorsements: h.endorsements,
                                                 lastUsedYear: h.lastUsedYear, wantsToGrow: h.wantsToGrow), currentYear: currentYear).reasons.map(t.reason)
        } ?? []
        let more = r.reasons.filter { reason in
            switch reason {
            case .level, .endorsements: false
            default: true
            }
        }
        return own + more.map(t.routing)
    }

    /// Whether they can be asked now, as the API says it.
    static func availability(_ exclusion: RoutingExclusion?) -> String {
        switch exclusion {
        case .onLeave: "on_leave"
        case .busy: "busy"
        default: "available"
        }
    }
}

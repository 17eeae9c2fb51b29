/// "Mente du …?": the catalogue's names closest to what someone typed, so a slip ("kubernets",
/// "reakt") still finds the skill. Distance is the optimal string alignment distance (an edit, a
/// missing or extra letter, two letters swapped) on names folded as skills are looked up.
public enum SkillSuggestion {
    public struct Name: Sendable {
        /// The skill the name leads to, and the name or synonym itself.
        public let skill: String
        public let text: String
        public init(skill: String, text: String) { self.skill = skill; self.text = text }
    }

    /// Up to `limit` skills whose name or a synonym is within reach of `typed`: one edit for short words,
    /// one more for every four letters; closest first, then by name. A name that starts with what was
    /// typed ("kube") is also close.
    public static func closest(to typed: String, among names: [Name], limit: Int = 3) -> [String] {
        let query = fold(typed)
        guard query.count >= 3 else { return [] }
        let reach = 1 + query.count / 4
        var best: [String: Int] = [:]
        for name in names {
            let text = fold(name.text)
            let d = text.starts(with: query) ? 0 : distance(query, text, atMost: reach)
            if d <= reach { best[name.skill] = min(best[name.skill] ?? .max, d) }
        }
        return best.sorted { ($0.value, $0.key.lowercased()) < ($1.value, $1.key.lowercased()) }.prefix(limit).map(\.key)
    }

    static func fold(_ s: String) -> [Character] {
        Array(s.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." })
    }

    /// Optimal string alignment distance, giving up (returning `atMost + 1`) once it cannot stay within `atMost`.
    static func distance(_ a: [Character], _ b: [Character], atMost: Int) -> Int {
        if abs(a.count - b.count) > atMost { return atMost + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowBest = min(rowBest, d)
            }
            if rowBest > atMost { return atMost + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

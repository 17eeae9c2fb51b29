/// Skill levels run from 1 (beginner) to 5 (expert).
public enum SkillLevel {
    public static let range = 1...5

    public static func isValid(_ level: Int) -> Bool { range.contains(level) }
}

/// The key a skill name or synonym is looked up by: trimmed, lowercased, inner spaces folded.
public func skillLookupKey(_ name: String) -> String {
    name.lowercased()
        .split(whereSeparator: { $0.isWhitespace })
        .joined(separator: " ")
}

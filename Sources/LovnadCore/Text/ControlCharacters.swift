/// Control characters in text people send. Tab, line feed and carriage return are text; every other
/// C0 control, DEL and the C1 controls are not: U+0000 cannot be stored by PostgreSQL and was cut off
/// by SQLite's readers (so a log entry holding it no longer verified), and others reach pages and
/// terminals as commands rather than letters.
public enum ControlCharacters {
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    public static func contains(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isRefused)
    }

    /// The text without them (unchanged, and not copied, when it has none).
    public static func removed(from text: String) -> String {
        guard contains(text) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRefused(scalar) { kept.append(scalar) }
        return String(kept)
    }
}

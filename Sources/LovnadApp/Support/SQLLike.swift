import SQLKit

/// `LIKE` that finds the text literally: `%`, `_` and `\` in what someone typed are escaped, with the
/// escape character named, so both SQLite (which has none by default) and PostgreSQL read it alike.
enum SQLLike {
    static func contains(column: String, _ text: String) -> SQLQueryString {
        "\(ident: column) LIKE \(bind: "%" + escape(text) + "%") ESCAPE '\\'"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

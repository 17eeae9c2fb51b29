import Foundation

/// Where a redirect may send the browser after sign-in: a path on this site and nothing else.
public enum LocalPath {
    /// `candidate` if it is a same-site relative path, else `/`. A path starts with one `/` not followed
    /// by `/` or `\` (browsers read both as "another host") and holds no control characters, spaces or
    /// backslashes (browsers drop tabs and newlines, so `/\t/host` becomes `//host`); decoded, it still
    /// starts that way and holds no control characters (`%0d%0a`, `%09`).
    public static func safe(_ candidate: String?) -> String {
        guard let candidate, candidate.unicodeScalars.count <= 2048, startsLocally(candidate),
              !candidate.unicodeScalars.contains(where: { isControl($0) || $0 == " " || $0 == "\\" }),
              let decoded = candidate.removingPercentEncoding, startsLocally(decoded),
              !decoded.unicodeScalars.contains(where: isControl) else { return "/" }
        return candidate
    }

    private static func startsLocally(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        guard scalars.first == "/" else { return false }
        return scalars.count == 1 || (scalars[1] != "/" && scalars[1] != "\\")
    }

    /// C0 and C1 controls, DEL, line and paragraph separators and invisible format characters.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return category == .control || category == .lineSeparator || category == .paragraphSeparator || category == .format
    }
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes.
/// Each record carries the line number it starts on, so errors can name the line in the file.
public struct CSVRecord: Equatable, Sendable {
    public let line: Int
    public let fields: [String]
}

public enum CSVReadError: Error, Equatable {
    case unterminatedQuote(line: Int)
}

public enum CSVReader {
    public static func records(_ text: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        // Control characters are no part of any field (a file is not a form the guard sees).
        var chars = Array(ControlCharacters.removed(from: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text))
        chars.append("\n")  // so the last record is always closed
        var i = 0
        func endRecord() {
            fields.append(field)
            field = ""
            // A blank line is skipped, not a record.
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case "\"" where field.isEmpty: inQuotes = true
                case ",": fields.append(field); field = ""
                case "\n", "\r\n", "\r":
                    endRecord()
                    line += 1
                    recordLine = line
                default: field.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw CSVReadError.unterminatedQuote(line: recordLine) }
        // The appended newline counted one line too many; records are already numbered.
        return records
    }
}

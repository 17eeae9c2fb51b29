import Foundation

/// Puts stored log lines into words in one language: each key has a sentence in the string tables,
/// codes among the values (statuses, sections, checklist items) become their labels and calendar
/// dates are written as the language writes them. Lines are paragraphs of the entry's Markdown body.
public enum LogLineText {
    public static func body(_ lines: [LogLine], in locale: AppLocale) -> String {
        let t = Localizer(locale)
        return lines.map { line in t(sentence(line), words(line.values, t)) }.joined(separator: "\n\n")
    }

    static func sentence(_ line: LogLine) -> L {
        switch line.key {
        case .engagementCreated: .logEngagementCreated
        case .deliveryLeadSet: .logDeliveryLeadSet
        case .statusChanged: .logStatusChanged
        case .reason: .logReason
        case .overridden: line.values["signed"] == "false" ? .logOverriddenUnsigned : .logOverridden
        case .staffed: .logStaffed
        case .promiseMade: .logPromiseMade
        case .promiseMadeRepeating: .logPromiseMadeRepeating
        case .promiseKept: .logPromiseKept
        case .promiseBroken: .logPromiseBroken
        case .promiseRenegotiated: .logPromiseRenegotiated
        case .promiseReleased: .logPromiseReleased
        case .note: .logNote
        case .handoverSaved: .logHandoverSaved
        case .handoverReviewed: .logHandoverReviewed
        case .handoverSignedOff: .logHandoverSignedOff
        }
    }

    /// Values by what their names say they hold.
    static func words(_ values: [String: String], _ t: Localizer) -> [String: String] {
        var out = values
        for (name, value) in values {
            switch name {
            case "from", "to":
                if let status = EngagementStatus(rawValue: value) { out[name] = t(status.label) }
            case "sections":
                out[name] = list(value) { HandoverPackage.Section(rawValue: $0).map { t($0.label) } }
            case "unmet":
                out[name] = list(value) { Readiness.Item(rawValue: $0).map { t($0.label) } }
            case "due", "new_due", "first", "last", "held_on":
                out[name] = date(value, t.locale) ?? value
            default: break
            }
        }
        return out
    }

    private static func list(_ codes: String, _ word: (String) -> String?) -> String {
        codes.split(separator: ",").map { word(String($0)) ?? String($0) }.joined(separator: ", ")
    }

    /// `2026-12-01` as "1. desember 2026" or "1 December 2026".
    public static func date(_ iso: String, _ locale: AppLocale) -> String? {
        Day(iso).map { Localizer(locale).day($0) }
    }
}

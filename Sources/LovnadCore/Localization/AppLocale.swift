/// The languages the UI speaks. Bokmål is the default.
public enum AppLocale: String, CaseIterable, Codable, Sendable {
    case nb, en

    /// Picks the first supported language from an Accept-Language header, honouring q-values.
    public static func fromAcceptLanguage(_ header: String?) -> AppLocale? {
        guard let header, !header.isEmpty else { return nil }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            return (tag, q)
        }
        .filter { $0.1 > 0 }
        .enumerated()
        .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
        for (_, (tag, _)) in ranked {
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            switch primary {
            case "nb", "no", "nn": return .nb
            case "en": return .en
            default: continue
            }
        }
        return nil
    }
}

/// Looks strings up in the table of one language and fills `{name}` placeholders.
public struct Localizer: Sendable {
    public let locale: AppLocale

    public init(_ locale: AppLocale) { self.locale = locale }

    public static func table(_ locale: AppLocale) -> [L: String] {
        switch locale {
        case .nb: return Strings.nb
        case .en: return Strings.en
        }
    }

    public func callAsFunction(_ key: L, _ values: [String: String] = [:]) -> String {
        let template = Self.table(locale)[key] ?? Self.table(.en)[key] ?? key.rawValue
        return values.isEmpty ? template : Self.fill(template, values)
    }

    /// One pass over the template, so a value that itself holds `{name}` (a title someone typed) stays as typed.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return out + rest[open...] }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    public func reason(_ reason: ExpertReason) -> String {
        switch reason {
        case .level(let n): return self(.reasonLevel, ["level": String(n)])
        case .endorsements(let n): return self(n == 1 ? .reasonEndorsementOne : .reasonEndorsements, ["count": String(n)])
        case .usedThisYear: return self(.reasonUsedThisYear)
        case .usedYearsAgo(let n): return self(n == 1 ? .reasonUsedLastYear : .reasonUsedYearsAgo, ["years": String(n)])
        case .neverDated: return self(.reasonNotDated)
        case .wantsToGrow: return self(.reasonWantsToGrow)
        }
    }

    public func routing(_ reason: RoutingReason) -> String {
        switch reason {
        case .level(let skill, let level): return self(.routeLevel, ["skill": skill, "level": String(level)])
        case .endorsements(let skill, let n): return self(n == 1 ? .routeEndorsementOne : .routeEndorsements, ["skill": skill, "count": String(n)])
        case .acceptedAnswers(let n): return self(n == 1 ? .routeAcceptedOne : .routeAccepted, ["count": String(n)])
        case .engagements(let n): return self(n == 1 ? .routeEngagementOne : .routeEngagements, ["count": String(n)])
        case .answersWithin(let minutes): return self(.routeAnswersWithin, ["time": self.minutes(minutes)])
        }
    }

    /// A span of minutes as minutes under an hour, else whole hours.
    public func minutes(_ minutes: Int) -> String {
        minutes < 60 ? self(.routeMinutes, ["count": String(max(1, minutes))])
            : self(.routeHours, ["count": String(Int((Double(minutes) / 60).rounded()))])
    }

    public func checkReason(_ reason: CheckReason) -> String {
        switch reason {
        case .periodPassed: return self(.checkReasonPeriodPassed)
        case .authorLeft: return self(.checkReasonAuthorLeft)
        case .engagementClosed: return self(.checkReasonEngagementClosed)
        case .skillRenamed: return self(.checkReasonSkillRenamed)
        case .skillMerged: return self(.checkReasonSkillMerged)
        }
    }

    public func staffing(_ reason: StaffingFit.Reason) -> String {
        switch reason {
        case .meets(let skill, let level, let minimum): return self(.staffMeets, ["skill": skill, "level": String(level), "minimum": String(minimum)])
        case .below(let skill, let level, let minimum): return self(.staffBelow, ["skill": skill, "level": String(level), "minimum": String(minimum)])
        case .lacks(let skill, let minimum): return self(.staffLacks, ["skill": skill, "minimum": String(minimum)])
        case .wantsToGrow(let skill): return self(.staffWantsToGrow, ["skill": skill])
        case .allocated(let percent): return self(.staffAllocated, ["percent": String(percent)])
        case .available: return self(.staffAvailable)
        }
    }

    public func role(_ role: Role) -> String {
        switch role {
        case .admin: return self(.roleAdmin)
        case .leader: return self(.roleLeader)
        case .sales: return self(.roleSales)
        case .consultant: return self(.roleConsultant)
        }
    }
}

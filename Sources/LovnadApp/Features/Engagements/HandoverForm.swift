import Vapor
import LovnadCore

/// The handover editor's form, read into a package. Lists are rows named `prefix_field_N` with a
/// `prefix_rows` count; a row with an empty main field is dropped, so blank rows add and clearing removes.
struct HandoverForm {
    let values: [String: String]
    private(set) var issues: [String: FieldIssue] = [:]

    init(_ req: Request) throws {
        values = (try? req.content.decode([String: String].self)) ?? [:]
    }

    /// The revision the editor was opened on; a save from an older one is refused.
    var baseRevision: Int? { Int(values["base_revision"] ?? "") }

    private func text(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    private func rows(_ prefix: String) -> Range<Int> { 0..<min(Int(values["\(prefix)_rows"] ?? "") ?? 0, 200) }
    private func newID(_ prefix: String) -> String { prefix + String(UUID().uuidString.prefix(8)).lowercased() }

    private mutating func day(_ key: String, field: String) -> Day? {
        let raw = text(key)
        guard !raw.isEmpty else { return nil }
        guard let d = Day(raw) else { issues[field] = .notADate; return nil }
        return d
    }

    private mutating func int(_ key: String, field: String) -> Int? {
        let raw = text(key).replacingOccurrences(of: " ", with: "")
        guard !raw.isEmpty else { return nil }
        guard let n = Int(raw) else { issues[field] = .notAWholeNumber; return nil }
        return n
    }

    private func level(_ key: String) -> HandoverPackage.Level { HandoverPackage.Level(rawValue: text(key)) ?? .medium }

    /// The package as typed; `existing` keeps what the form does not carry (who is staffed, promise links).
    mutating func package(keeping existing: HandoverPackage) -> HandoverPackage {
        var p = HandoverPackage()
        p.offer.scope = text("offer_scope")
        p.offer.outOfScope = text("offer_out_of_scope")
        p.offer.priceModel = HandoverPackage.PriceModel(rawValue: text("offer_price_model"))
        p.offer.value = int("offer_value", field: "offer.value")
        p.needs = text("needs").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.enumerated().map { .init(id: "n\($0.offset + 1)", text: $0.element) }
        for i in rows("exp") where !text("exp_text_\(i)").isEmpty {
            let id = text("exp_id_\(i)").isEmpty ? newID("e") : text("exp_id_\(i)")
            let reason = text("exp_reason_\(i)")
            p.expectations.append(.init(id: id, text: text("exp_text_\(i)"), notAPromiseReason: reason.isEmpty ? nil : reason,
                                        promiseId: existing.expectations.first { $0.id == id }?.promiseId))
        }
        for i in rows("est") where !text("est_phase_\(i)").isEmpty {
            p.estimates.append(.init(id: text("est_id_\(i)").isEmpty ? newID("s") : text("est_id_\(i)"), phase: text("est_phase_\(i)"),
                                     hours: int("est_hours_\(i)", field: "estimates[\(p.estimates.count)].hours") ?? 0,
                                     assumptions: text("est_assumptions_\(i)"), confidence: level("est_confidence_\(i)"),
                                     start: day("est_start_\(i)", field: "estimates[\(p.estimates.count)].start"),
                                     end: day("est_end_\(i)", field: "estimates[\(p.estimates.count)].end")))
        }
        p.timeline.start = day("tl_start", field: "timeline.start")
        p.timeline.end = day("tl_end", field: "timeline.end")
        for i in rows("ms") where !text("ms_title_\(i)").isEmpty {
            let field = "timeline.milestones[\(p.timeline.milestones.count)].date"
            guard let date = day("ms_date_\(i)", field: field) else { if issues[field] == nil { issues[field] = .required }; continue }
            p.timeline.milestones.append(.init(id: text("ms_id_\(i)").isEmpty ? newID("m") : text("ms_id_\(i)"), title: text("ms_title_\(i)"), date: date))
        }
        for i in rows("pr") where !text("pr_role_\(i)").isEmpty {
            let index = p.profiles.count
            let id = text("pr_id_\(i)").isEmpty ? newID("p") : text("pr_id_\(i)")
            var requirements: [HandoverPackage.SkillRequirement] = []
            for part in text("pr_skills_\(i)").split(separator: ",") {
                let item = part.trimmingCharacters(in: .whitespaces)
                guard !item.isEmpty else { continue }
                let pieces = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pieces.count == 2, !pieces[0].isEmpty, let level = Int(pieces[1]) else {
                    issues["profiles[\(index)].requirements"] = .skillFormat
                    continue
                }
                requirements.append(.init(skill: pieces[0], minimumLevel: level))
            }
            p.profiles.append(.init(id: id, role: text("pr_role_\(i)"), requirements: requirements,
                                    allocationPercent: int("pr_alloc_\(i)", field: "profiles[\(index)].allocation_percent") ?? 100,
                                    start: day("pr_start_\(i)", field: "profiles[\(index)].start"),
                                    end: day("pr_end_\(i)", field: "profiles[\(index)].end"),
                                    staffedPersonId: existing.profiles.first { $0.id == id }?.staffedPersonId))
        }
        for i in rows("rk") where !text("rk_desc_\(i)").isEmpty {
            p.risks.append(.init(id: text("rk_id_\(i)").isEmpty ? newID("r") : text("rk_id_\(i)"), description: text("rk_desc_\(i)"),
                                 probability: level("rk_prob_\(i)"), impact: level("rk_impact_\(i)"), mitigation: text("rk_mitigation_\(i)")))
        }
        for i in rows("ct") where !text("ct_name_\(i)").isEmpty {
            p.contacts.append(.init(name: text("ct_name_\(i)"), role: text("ct_role_\(i)"), email: text("ct_email_\(i)"), phone: text("ct_phone_\(i)")))
        }
        for i in rows("hs") where !text("hs_text_\(i)").isEmpty {
            p.history.append(.init(id: text("hs_id_\(i)").isEmpty ? newID("h") : text("hs_id_\(i)"),
                                   date: day("hs_date_\(i)", field: "history[\(p.history.count)].date"),
                                   kind: HandoverPackage.HistoryNote.Kind(rawValue: text("hs_kind_\(i)")) ?? .meeting, text: text("hs_text_\(i)")))
        }
        return p
    }
}

extension HandoverForm {
    /// The list sections' row prefixes, in the order the editor shows them, with their headings.
    static let sections: [(prefix: String, label: L)] = [
        ("exp", .readyExpectations), ("est", .readyEstimates), ("ms", .readyTimeline), ("pr", .readyProfiles),
        ("rk", .readyRisks), ("ct", .readyContacts), ("hs", .readyHistory),
    ]

    /// The input a problem with a package field belongs to: `profiles[1].requirements` is the skills field
    /// of the second profile row that was filled in, which may be row 4 of the form.
    func inputName(for path: String) -> String? {
        let plain = ["offer.value": "offer_value", "timeline.start": "tl_start", "timeline.end": "tl_end"]
        if let name = plain[path] { return name }
        let pattern = /^(estimates|timeline\.milestones|profiles|history)\[(\d+)\]\.([a-z_]+)/
        guard let m = path.firstMatch(of: pattern), let index = Int(m.2) else { return nil }
        let (prefix, section): (String, String) = switch m.1 {
        case "estimates": ("est", "est")
        case "timeline.milestones": ("ms", "ms")
        case "profiles": ("pr", "pr")
        default: ("hs", "hs")
        }
        let fields: [String: String] = ["hours": "hours", "start": "start", "end": "end", "date": "date", "role": "role",
                                        "allocation_percent": "alloc", "requirements": "skills"]
        guard let field = fields[String(m.3)] else { return nil }
        let rows = filledRows(section)
        guard index < rows.count else { return nil }
        return "\(prefix)_\(field)_\(rows[index])"
    }

    /// The form rows that became items of a section (rows with an empty main field are dropped).
    private func filledRows(_ prefix: String) -> [Int] {
        let main = ["exp": "text", "est": "phase", "ms": "title", "pr": "role", "rk": "desc", "ct": "name", "hs": "text"][prefix] ?? ""
        return rows(prefix).filter { !text("\(prefix)_\(main)_\($0)").isEmpty }
    }

    /// An input named by its label as the reader sees it: "Profiler, rad 4: Påkrevde ferdigheter".
    static func label(ofInput name: String, _ t: Localizer) -> String {
        let columns: [String: L] = ["hours": .hours, "start": .startDate, "end": .endDate, "date": .date, "role": .role,
                                    "alloc": .allocation, "skills": .requiredSkills, "title": .milestone, "phase": .phase]
        let single: [String: L] = ["offer_value": .offerValue, "tl_start": .startDate, "tl_end": .endDate]
        if let key = single[name] { return name.hasPrefix("tl_") ? t(.readyTimeline) + ": " + t(key) : t(key) }
        let parts = name.split(separator: "_")
        guard parts.count == 3, let row = Int(parts[2]), let section = sections.first(where: { $0.prefix == parts[0] }) else { return name }
        return t(.rowField, ["section": t(section.label), "row": String(row + 1), "field": columns[String(parts[1])].map { t($0) } ?? String(parts[1])])
    }

    /// The typed values with a row added to, or taken out of, one section: the editor's "add row" and
    /// "remove" buttons post here, so they work without script and lose nothing typed.
    static func reworked(_ values: [String: String]) -> [String: String] {
        var out = values
        if let prefix = values["add_row"], sections.contains(where: { $0.prefix == prefix }) {
            out["\(prefix)_rows"] = String(min((Int(values["\(prefix)_rows"] ?? "") ?? 0) + 1, 200))
        }
        if let target = values["remove_row"], case let parts = target.split(separator: ":"), parts.count == 2,
           sections.contains(where: { $0.prefix == parts[0] }), let removed = Int(parts[1]) {
            let prefix = String(parts[0])
            let count = Int(values["\(prefix)_rows"] ?? "") ?? 0
            // Every later row moves up one; the last row's fields go.
            let moved = values.compactMap { key, value -> (key: String, field: Substring, row: Int, value: String)? in
                let bits = key.split(separator: "_")
                guard key.hasPrefix(prefix + "_"), bits.count == 3, let row = Int(bits[2]), row >= removed else { return nil }
                return (key, bits[1], row, value)
            }
            for m in moved { out.removeValue(forKey: m.key) }
            for m in moved where m.row > removed { out["\(prefix)_\(m.field)_\(m.row - 1)"] = m.value }
            out["\(prefix)_rows"] = String(max(count - 1, 0))
        }
        out.removeValue(forKey: "add_row")
        out.removeValue(forKey: "remove_row")
        return out
    }
}

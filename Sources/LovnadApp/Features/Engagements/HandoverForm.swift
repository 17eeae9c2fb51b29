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

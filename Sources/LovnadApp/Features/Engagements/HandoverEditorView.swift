import Plot
import Vapor
import LovnadCore

/// The handover editor: one plain form, every list with blank rows, "add row" and "remove" buttons that
/// post back to the editor (so they work without script), and a refused save shown with everything as it
/// was typed and every problem at once, named by its label and shown at its field.
enum HandoverEditorView {
    static let blankRows = 2

    /// What the fields show: as typed when the editor comes back from a post, and each field's problem.
    struct Fields {
        let typed: [String: String]?
        let errors: [String: String]

        func value(_ name: String, _ stored: String) -> String { typed?[name] ?? stored }
        func rows(_ prefix: String, stored: Int) -> Int { typed.map { min(Int($0["\(prefix)_rows"] ?? "") ?? 0, 200) } ?? stored + HandoverEditorView.blankRows }
    }

    private static func problem<C: HTML.BodyContext>(_ name: String, _ f: Fields) -> Node<C> {
        .unwrap(f.errors[name]) { .p(.id("\(name)-error"), .class("field-error"), .text($0)) }
    }

    private static func input<C: HTML.BodyContext>(_ name: String, _ label: String, _ stored: String, _ f: Fields,
                                                   type: HTMLInputType = .text) -> Node<C> {
        .group(.label(.class("cell-label"), .for(name), .text(label)),
               .input(.id(name), .name(name), .type(type), .value(f.value(name, stored)),
                      .attribute(named: "aria-invalid", value: f.errors[name] == nil ? nil : "true"),
                      .attribute(named: "aria-describedby", value: f.errors[name] == nil ? nil : "\(name)-error")),
               problem(name, f))
    }

    private static func levelSelect<C: HTML.BodyContext>(_ name: String, _ label: String, _ stored: HandoverPackage.Level, _ f: Fields,
                                                         _ ctx: PageContext) -> Node<C> {
        let value = f.value(name, stored.rawValue)
        return .group(.label(.class("cell-label"), .for(name), .text(label)),
               .select(.id(name), .attribute(named: "name", value: name),
                       .forEach(HandoverPackage.Level.allCases) { l in Parts.option(l.rawValue, ctx.t(l.label), selected: l.rawValue == value) }))
    }

    /// A table of rows with a count field; `cells` draws row `i` from an item, or blank when nil. Each row
    /// can be removed, and one more added, by posting back to the editor.
    private static func rows<Item, C: HTML.BodyContext>(_ prefix: String, _ items: [Item], headers: [String], _ f: Fields, _ ctx: PageContext,
                                                       rework: String, cells: @escaping (Int, Item?) -> [Node<HTML.BodyContext>]) -> Node<C> {
        let total = f.rows(prefix, stored: items.count)
        return .group(
            .input(.type(.hidden), .name("\(prefix)_rows"), .value(String(total))),
            .div(.class("edit-rows-scroll"), .table(.class("edit-rows"),
                .tr(.forEach(headers) { .th(.text($0)) }, .th(.span(.class("visually-hidden"), .text(ctx.t(.removeRow))))),
                .forEach(0..<total) { i in
                    .tr(.forEach(cells(i, i < items.count ? items[i] : nil)) { .td($0) },
                        .td(.button(.type(.submit), .class("small"), .name("remove_row"), .value("\(prefix):\(i)"),
                                    .attribute(named: "formaction", value: rework + "#edit-\(prefix)"), .attribute(named: "formnovalidate"),
                                    .ariaLabel(ctx.t(.removeRowLabel, ["row": String(i + 1)])), .text(ctx.t(.removeRow)))))
                })),
            .button(.type(.submit), .class("small"), .name("add_row"), .value(prefix),
                    .attribute(named: "formaction", value: rework + "#edit-\(prefix)"), .attribute(named: "formnovalidate"),
                    .text(ctx.t(.addRow)))
        )
    }

    /// Every problem at the top, each linking to its field, in the order of the form.
    private static func summary<C: HTML.BodyContext>(_ errors: [String: String], _ ctx: PageContext) -> Node<C> {
        guard !errors.isEmpty else { return .empty }
        let order = ["revision", "status", "offer", "exp", "est", "tl", "ms", "pr", "rk", "ct", "hs"]
        func key(_ name: String) -> (Int, Int, String) {
            let parts = name.split(separator: "_")
            return (order.firstIndex(of: String(parts[0])) ?? order.count, parts.count == 3 ? Int(parts[2]) ?? 0 : 0, name)
        }
        let fieldErrors = errors.filter { !["revision", "status"].contains($0.key) }.sorted { key($0.key) < key($1.key) }
        return .div(.class("flash error"), .attribute(named: "role", value: "alert"), .id("problems"),
            .forEach([errors["revision"], errors["status"]].compactMap { $0 }) { .p(.text($0)) },
            .if(!fieldErrors.isEmpty, .group(
                .p(.text(ctx.t(.fixErrorsCount))),
                .ul(.forEach(fieldErrors) { name, text in
                    .li(.a(.href("#" + name), .text(HandoverForm.label(ofInput: name, ctx.t) + ": " + text)))
                }))))
    }

    static func render(_ ctx: PageContext, engagement: Engagement, package p: HandoverPackage, revision: Int, errors: [String: String],
                       typed: [String: String]? = nil, status: HTTPResponseStatus = .ok) -> Response {
        let id = engagement.id!
        let f = Fields(typed: typed, errors: errors)
        let rework = SiteURL.engagementAction(id, .handoverEdit).path
        return Layout.page(ctx, title: ctx.t(.editHandover), status: status,
            .p(.a(.href(.engagement(id)), .text("← " + engagement.title))),
            .h1(.text(ctx.t(.editHandover))),
            summary(errors, ctx),
            .p(.class("hint"), .text(ctx.t(.editHandoverHint))),
            .form(.method(.post), .action(.engagementAction(id, .handover)), .id("handover-form"),
                Parts.csrf(ctx),
                .input(.type(.hidden), .name("base_revision"), .value(String(revision))),
                // Enter in a field saves: the form's first submit button is its default.
                .button(.type(.submit), .class("visually-hidden"), .attribute(named: "tabindex", value: "-1"),
                        .attribute(named: "aria-hidden", value: "true"), .text(ctx.t(.saveHandover))),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyOffer)),
                    .div(.class("field"), .label(.for("offer_scope"), .text(ctx.t(.scope))),
                         .textarea(.id("offer_scope"), .name("offer_scope"), .rows(3), .text(f.value("offer_scope", p.offer.scope)))),
                    .div(.class("field"), .label(.for("offer_out_of_scope"), .text(ctx.t(.outOfScope))),
                         .textarea(.id("offer_out_of_scope"), .name("offer_out_of_scope"), .rows(2), .text(f.value("offer_out_of_scope", p.offer.outOfScope)))),
                    .div(.class("field"), .label(.for("offer_price_model"), .text(ctx.t(.priceModel))),
                         .select(.id("offer_price_model"), .attribute(named: "name", value: "offer_price_model"),
                                 Parts.option("", "–", selected: f.value("offer_price_model", p.offer.priceModel?.rawValue ?? "").isEmpty),
                                 .forEach(HandoverPackage.PriceModel.allCases) { m in
                                     Parts.option(m.rawValue, ctx.t(m.label), selected: m.rawValue == f.value("offer_price_model", p.offer.priceModel?.rawValue ?? ""))
                                 })),
                    Parts.textField("offer_value", label: ctx.t(.offerValue), value: f.value("offer_value", p.offer.value.map(String.init) ?? ""), type: .number, error: errors["offer_value"])),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyNeeds)),
                    .div(.class("field"), .label(.for("needs"), .text(ctx.t(.needsHint))),
                         .textarea(.id("needs"), .name("needs"), .rows(4), .text(f.value("needs", p.needs.map(\.text).joined(separator: "\n")))))),
                .fieldset(.class("card"), .id("edit-exp"), .element(named: "legend", text: ctx.t(.readyExpectations)),
                    rows("exp", p.expectations, headers: [ctx.t(.expectation), ctx.t(.notAPromiseReason)], f, ctx, rework: rework) { i, x in [
                        .group(.input(.type(.hidden), .name("exp_id_\(i)"), .value(f.value("exp_id_\(i)", x?.id ?? ""))), input("exp_text_\(i)", ctx.t(.expectation), x?.text ?? "", f)),
                        input("exp_reason_\(i)", ctx.t(.notAPromiseReason), x?.notAPromiseReason ?? "", f),
                    ] }),
                .fieldset(.class("card"), .id("edit-est"), .element(named: "legend", text: ctx.t(.readyEstimates)),
                    rows("est", p.estimates, headers: [ctx.t(.phase), ctx.t(.hours), ctx.t(.confidence), ctx.t(.startDate), ctx.t(.endDate), ctx.t(.assumptions)], f, ctx, rework: rework) { i, l in [
                        .group(.input(.type(.hidden), .name("est_id_\(i)"), .value(f.value("est_id_\(i)", l?.id ?? ""))), input("est_phase_\(i)", ctx.t(.phase), l?.phase ?? "", f)),
                        input("est_hours_\(i)", ctx.t(.hours), l.map { String($0.hours) } ?? "", f, type: .number),
                        levelSelect("est_confidence_\(i)", ctx.t(.confidence), l?.confidence ?? .medium, f, ctx),
                        input("est_start_\(i)", ctx.t(.startDate), l?.start?.description ?? "", f, type: .date),
                        input("est_end_\(i)", ctx.t(.endDate), l?.end?.description ?? "", f, type: .date),
                        input("est_assumptions_\(i)", ctx.t(.assumptions), l?.assumptions ?? "", f),
                    ] }),
                .fieldset(.class("card"), .id("edit-ms"), .element(named: "legend", text: ctx.t(.readyTimeline)),
                    Parts.textField("tl_start", label: ctx.t(.startDate), value: f.value("tl_start", p.timeline.start?.description ?? ""), type: .date, error: errors["tl_start"]),
                    Parts.textField("tl_end", label: ctx.t(.endDate), value: f.value("tl_end", p.timeline.end?.description ?? ""), type: .date, error: errors["tl_end"]),
                    rows("ms", p.timeline.milestones, headers: [ctx.t(.milestone), ctx.t(.date)], f, ctx, rework: rework) { i, ms in [
                        .group(.input(.type(.hidden), .name("ms_id_\(i)"), .value(f.value("ms_id_\(i)", ms?.id ?? ""))), input("ms_title_\(i)", ctx.t(.milestone), ms?.title ?? "", f)),
                        input("ms_date_\(i)", ctx.t(.date), ms?.date.description ?? "", f, type: .date),
                    ] }),
                .fieldset(.class("card"), .id("edit-pr"), .element(named: "legend", text: ctx.t(.readyProfiles)),
                    .p(.class("hint"), .text(ctx.t(.profilesHint))),
                    rows("pr", p.profiles, headers: [ctx.t(.role), ctx.t(.requiredSkills), ctx.t(.allocation), ctx.t(.startDate), ctx.t(.endDate)], f, ctx, rework: rework) { i, pr in [
                        .group(.input(.type(.hidden), .name("pr_id_\(i)"), .value(f.value("pr_id_\(i)", pr?.id ?? ""))), input("pr_role_\(i)", ctx.t(.role), pr?.role ?? "", f)),
                        input("pr_skills_\(i)", ctx.t(.requiredSkills), pr?.requirements.map { "\($0.skill):\($0.minimumLevel)" }.joined(separator: ", ") ?? "", f),
                        input("pr_alloc_\(i)", ctx.t(.allocation), pr.map { String($0.allocationPercent) } ?? "", f, type: .number),
                        input("pr_start_\(i)", ctx.t(.startDate), pr?.start?.description ?? "", f, type: .date),
                        input("pr_end_\(i)", ctx.t(.endDate), pr?.end?.description ?? "", f, type: .date),
                    ] }),
                .fieldset(.class("card"), .id("edit-rk"), .element(named: "legend", text: ctx.t(.readyRisks)),
                    rows("rk", p.risks, headers: [ctx.t(.riskDescription), ctx.t(.probability), ctx.t(.impact), ctx.t(.mitigation)], f, ctx, rework: rework) { i, r in [
                        .group(.input(.type(.hidden), .name("rk_id_\(i)"), .value(f.value("rk_id_\(i)", r?.id ?? ""))), input("rk_desc_\(i)", ctx.t(.riskDescription), r?.description ?? "", f)),
                        levelSelect("rk_prob_\(i)", ctx.t(.probability), r?.probability ?? .medium, f, ctx),
                        levelSelect("rk_impact_\(i)", ctx.t(.impact), r?.impact ?? .medium, f, ctx),
                        input("rk_mitigation_\(i)", ctx.t(.mitigation), r?.mitigation ?? "", f),
                    ] }),
                .fieldset(.class("card"), .id("edit-ct"), .element(named: "legend", text: ctx.t(.readyContacts)),
                    rows("ct", p.contacts, headers: [ctx.t(.fieldName), ctx.t(.role), ctx.t(.fieldEmail), ctx.t(.phone)], f, ctx, rework: rework) { i, c in [
                        input("ct_name_\(i)", ctx.t(.fieldName), c?.name ?? "", f), input("ct_role_\(i)", ctx.t(.role), c?.role ?? "", f),
                        input("ct_email_\(i)", ctx.t(.fieldEmail), c?.email ?? "", f, type: .email), input("ct_phone_\(i)", ctx.t(.phone), c?.phone ?? "", f),
                    ] }),
                .fieldset(.class("card"), .id("edit-hs"), .element(named: "legend", text: ctx.t(.readyHistory)),
                    rows("hs", p.history, headers: [ctx.t(.date), ctx.t(.kindLabel), ctx.t(.entryBody)], f, ctx, rework: rework) { i, h in [
                        .group(.input(.type(.hidden), .name("hs_id_\(i)"), .value(f.value("hs_id_\(i)", h?.id ?? ""))), input("hs_date_\(i)", ctx.t(.date), h?.date?.description ?? "", f, type: .date)),
                        .group(.label(.class("cell-label"), .for("hs_kind_\(i)"), .text(ctx.t(.kindLabel))),
                               .select(.id("hs_kind_\(i)"), .attribute(named: "name", value: "hs_kind_\(i)"),
                                       .forEach(HandoverPackage.HistoryNote.Kind.allCases) { k in Parts.option(k.rawValue, ctx.t(k.label), selected: k.rawValue == f.value("hs_kind_\(i)", (h?.kind ?? .meeting).rawValue)) })),
                        input("hs_text_\(i)", ctx.t(.entryBody), h?.text ?? "", f),
                    ] }),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.saveHandover)))
            )
        )
    }
}

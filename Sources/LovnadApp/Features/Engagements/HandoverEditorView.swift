import Plot
import Vapor
import LovnadCore

/// The handover editor: one plain form, every list with blank rows to add to. No JavaScript needed.
enum HandoverEditorView {
    static let blankRows = 2

    private static func input<C: HTML.BodyContext>(_ name: String, _ label: String, _ value: String, type: HTMLInputType = .text) -> Node<C> {
        .group(.label(.class("visually-hidden"), .for(name), .text(label)),
               .input(.id(name), .name(name), .type(type), .value(value)))
    }

    private static func levelSelect<C: HTML.BodyContext>(_ name: String, _ label: String, _ value: HandoverPackage.Level, _ ctx: PageContext) -> Node<C> {
        .group(.label(.class("visually-hidden"), .for(name), .text(label)),
               .select(.id(name), .attribute(named: "name", value: name),
                       .forEach(HandoverPackage.Level.allCases) { l in Parts.option(l.rawValue, ctx.t(l.label), selected: l == value) }))
    }

    /// A table of rows with a count field; `cells` draws row `i` from an item, or blank when nil.
    private static func rows<Item, C: HTML.BodyContext>(_ prefix: String, _ items: [Item], headers: [String],
                                                       cells: @escaping (Int, Item?) -> [Node<HTML.BodyContext>]) -> Node<C> {
        let total = items.count + blankRows
        return .group(
            .input(.type(.hidden), .name("\(prefix)_rows"), .value(String(total))),
            .table(.class("edit-rows"),
                .tr(.forEach(headers) { .th(.text($0)) }),
                .forEach(0..<total) { i in
                    .tr(.forEach(cells(i, i < items.count ? items[i] : nil)) { .td($0) })
                })
        )
    }

    static func render(_ ctx: PageContext, engagement: Engagement, package p: HandoverPackage, revision: Int, errors: [String: String],
                       status: HTTPResponseStatus = .ok) -> Response {
        let id = engagement.id!
        return Layout.page(ctx, title: ctx.t(.editHandover), status: status,
            .p(.a(.href(.engagement(id)), .text("← " + engagement.title))),
            .h1(.text(ctx.t(.editHandover))),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors) + " " + errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)." }.joined(separator: " "), kind: "error"),
            .p(.class("hint"), .text(ctx.t(.editHandoverHint))),
            .form(.method(.post), .action(.engagementAction(id, .handover)), .id("handover-form"),
                Parts.csrf(ctx),
                .input(.type(.hidden), .name("base_revision"), .value(String(revision))),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyOffer)),
                    .div(.class("field"), .label(.for("offer_scope"), .text(ctx.t(.scope))),
                         .textarea(.id("offer_scope"), .name("offer_scope"), .rows(3), .text(p.offer.scope))),
                    .div(.class("field"), .label(.for("offer_out_of_scope"), .text(ctx.t(.outOfScope))),
                         .textarea(.id("offer_out_of_scope"), .name("offer_out_of_scope"), .rows(2), .text(p.offer.outOfScope))),
                    .div(.class("field"), .label(.for("offer_price_model"), .text(ctx.t(.priceModel))),
                         .select(.id("offer_price_model"), .attribute(named: "name", value: "offer_price_model"),
                                 Parts.option("", "–", selected: p.offer.priceModel == nil),
                                 .forEach(HandoverPackage.PriceModel.allCases) { m in Parts.option(m.rawValue, ctx.t(m.label), selected: m == p.offer.priceModel) })),
                    Parts.textField("offer_value", label: ctx.t(.offerValue), value: p.offer.value.map(String.init), type: .number, error: errors["offer.value"])),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyNeeds)),
                    .div(.class("field"), .label(.for("needs"), .text(ctx.t(.needsHint))),
                         .textarea(.id("needs"), .name("needs"), .rows(4), .text(p.needs.map(\.text).joined(separator: "\n"))))),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyExpectations)),
                    rows("exp", p.expectations, headers: [ctx.t(.expectation), ctx.t(.notAPromiseReason)]) { i, x in [
                        .group(.input(.type(.hidden), .name("exp_id_\(i)"), .value(x?.id ?? "")), input("exp_text_\(i)", ctx.t(.expectation), x?.text ?? "")),
                        input("exp_reason_\(i)", ctx.t(.notAPromiseReason), x?.notAPromiseReason ?? ""),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyEstimates)),
                    rows("est", p.estimates, headers: [ctx.t(.phase), ctx.t(.hours), ctx.t(.confidence), ctx.t(.startDate), ctx.t(.endDate), ctx.t(.assumptions)]) { i, l in [
                        .group(.input(.type(.hidden), .name("est_id_\(i)"), .value(l?.id ?? "")), input("est_phase_\(i)", ctx.t(.phase), l?.phase ?? "")),
                        input("est_hours_\(i)", ctx.t(.hours), l.map { String($0.hours) } ?? "", type: .number),
                        levelSelect("est_confidence_\(i)", ctx.t(.confidence), l?.confidence ?? .medium, ctx),
                        input("est_start_\(i)", ctx.t(.startDate), l?.start?.description ?? "", type: .date),
                        input("est_end_\(i)", ctx.t(.endDate), l?.end?.description ?? "", type: .date),
                        input("est_assumptions_\(i)", ctx.t(.assumptions), l?.assumptions ?? ""),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyTimeline)),
                    Parts.textField("tl_start", label: ctx.t(.startDate), value: p.timeline.start?.description, type: .date, error: errors["timeline.start"]),
                    Parts.textField("tl_end", label: ctx.t(.endDate), value: p.timeline.end?.description, type: .date, error: errors["timeline.end"]),
                    rows("ms", p.timeline.milestones, headers: [ctx.t(.milestone), ctx.t(.date)]) { i, ms in [
                        .group(.input(.type(.hidden), .name("ms_id_\(i)"), .value(ms?.id ?? "")), input("ms_title_\(i)", ctx.t(.milestone), ms?.title ?? "")),
                        input("ms_date_\(i)", ctx.t(.date), ms?.date.description ?? "", type: .date),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyProfiles)),
                    .p(.class("hint"), .text(ctx.t(.profilesHint))),
                    rows("pr", p.profiles, headers: [ctx.t(.role), ctx.t(.requiredSkills), ctx.t(.allocation), ctx.t(.startDate), ctx.t(.endDate)]) { i, pr in [
                        .group(.input(.type(.hidden), .name("pr_id_\(i)"), .value(pr?.id ?? "")), input("pr_role_\(i)", ctx.t(.role), pr?.role ?? "")),
                        input("pr_skills_\(i)", ctx.t(.requiredSkills), pr?.requirements.map { "\($0.skill):\($0.minimumLevel)" }.joined(separator: ", ") ?? ""),
                        input("pr_alloc_\(i)", ctx.t(.allocation), pr.map { String($0.allocationPercent) } ?? "", type: .number),
                        input("pr_start_\(i)", ctx.t(.startDate), pr?.start?.description ?? "", type: .date),
                        input("pr_end_\(i)", ctx.t(.endDate), pr?.end?.description ?? "", type: .date),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyRisks)),
                    rows("rk", p.risks, headers: [ctx.t(.riskDescription), ctx.t(.probability), ctx.t(.impact), ctx.t(.mitigation)]) { i, r in [
                        .group(.input(.type(.hidden), .name("rk_id_\(i)"), .value(r?.id ?? "")), input("rk_desc_\(i)", ctx.t(.riskDescription), r?.description ?? "")),
                        levelSelect("rk_prob_\(i)", ctx.t(.probability), r?.probability ?? .medium, ctx),
                        levelSelect("rk_impact_\(i)", ctx.t(.impact), r?.impact ?? .medium, ctx),
                        input("rk_mitigation_\(i)", ctx.t(.mitigation), r?.mitigation ?? ""),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyContacts)),
                    rows("ct", p.contacts, headers: [ctx.t(.fieldName), ctx.t(.role), ctx.t(.fieldEmail), ctx.t(.phone)]) { i, c in [
                        input("ct_name_\(i)", ctx.t(.fieldName), c?.name ?? ""), input("ct_role_\(i)", ctx.t(.role), c?.role ?? ""),
                        input("ct_email_\(i)", ctx.t(.fieldEmail), c?.email ?? "", type: .email), input("ct_phone_\(i)", ctx.t(.phone), c?.phone ?? ""),
                    ] }),
                .fieldset(.class("card"), .element(named: "legend", text: ctx.t(.readyHistory)),
                    rows("hs", p.history, headers: [ctx.t(.date), ctx.t(.kindLabel), ctx.t(.entryBody)]) { i, h in [
                        .group(.input(.type(.hidden), .name("hs_id_\(i)"), .value(h?.id ?? "")), input("hs_date_\(i)", ctx.t(.date), h?.date?.description ?? "", type: .date)),
                        .group(.label(.class("visually-hidden"), .for("hs_kind_\(i)"), .text(ctx.t(.kindLabel))),
                               .select(.id("hs_kind_\(i)"), .attribute(named: "name", value: "hs_kind_\(i)"),
                                       .forEach(HandoverPackage.HistoryNote.Kind.allCases) { k in Parts.option(k.rawValue, ctx.t(k.label), selected: k == (h?.kind ?? .meeting)) })),
                        input("hs_text_\(i)", ctx.t(.entryBody), h?.text ?? ""),
                    ] }),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.saveHandover)))
            )
        )
    }
}

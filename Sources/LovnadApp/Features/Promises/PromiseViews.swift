import Plot
import Vapor
import LovnadCore

enum PromiseViews {
    enum Tab: String, CaseIterable { case mine, toMe = "to-me", myPeople = "my-people" }

    struct Choices {
        var people: PersonChoices = .list([])
        var departments: [PersonRef] = []
        var customers: [PersonRef] = []
        var engagements: [EngagementRef] = []
    }

    struct ListModel {
        let tab: Tab
        let open: [PromiseDTO]
        let settled: [PromiseDTO]
        let nextCursor: String?
        let leadsPeople: Bool
        let myTally: SayDo.Tally
        let choices: Choices
        let calendarURL: String
        var errors: [String: String] = [:]
        var values: [String: String] = [:]
    }

    static func stateLabel(_ state: String, _ ctx: PageContext) -> String {
        switch PromiseState(rawValue: state) {
        case .draft: ctx.t(.promiseStateDraft)
        case .made: ctx.t(.promiseStateMade)
        case .kept: ctx.t(.promiseStateKept)
        case .broken: ctx.t(.promiseStateBroken)
        case .renegotiated: ctx.t(.promiseStateRenegotiated)
        case .released: ctx.t(.promiseStateReleased)
        case nil: state
        }
    }

    static func sourceLabel(_ source: PromiseSource, _ ctx: PageContext) -> String {
        switch source {
        case .salesMeeting: ctx.t(.sourceSalesMeeting)
        case .handover: ctx.t(.sourceHandover)
        case .logEntry: ctx.t(.sourceLogEntry)
        case .oneToOne: ctx.t(.sourceOneToOne)
        case .departmentMeeting: ctx.t(.sourceDepartmentMeeting)
        case .answer: ctx.t(.sourceAnswer)
        case .none: ctx.t(.sourceNone)
        }
    }

    static func stateBadge(_ p: PromiseDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .span(.class("status promise-\(p.state)"), .text(stateLabel(p.state, ctx))),
            .if(p.overdue, .span(.class("badge warn"), .text(" " + ctx.t(.promiseOverdue)))),
            .if(p.confirmation == PromiseConfirmation.disputed.rawValue, .span(.class("badge warn"), .text(" " + ctx.t(.promiseDisputed))))
        )
    }

    /// A table of promises, used by the ledger pages and the engagement page.
    static func table(_ promises: [PromiseDTO], _ ctx: PageContext, showOwner: Bool = true) -> Node<HTML.BodyContext> {
        .if(promises.isEmpty, .p(.class("muted"), .text(ctx.t(.promiseNone))), else:
            .table(.class("promises"),
                .tr(.th(.text(ctx.t(.promiseText))), .if(showOwner, .th(.text(ctx.t(.promiseOwner)))), .th(.text(ctx.t(.promiseTo))),
                    .th(.text(ctx.t(.promiseDue))), .th(.text(ctx.t(.promiseState)))),
                .forEach(SeriesFold.fold(promises, series: \.seriesId)) { row in
                    let p = row.first
                    return .tr(.class(p.overdue ? "overdue" : ""),
                        .td(.a(.href(.promise(p.id)), .text(p.text)),
                            .unwrap(p.engagement) { e in .span(.class("muted"), .text(" · " + e.title)) },
                            .if(!row.rest.isEmpty, occurrences(row.rest, ctx))),
                        .if(showOwner, .td(.text(p.owner.name))),
                        .td(.text(p.to.name)),
                        .td(.text(ctx.t.day(p.due))),
                        .td(stateBadge(p, ctx)))
                }))
    }

    /// A recurring promise's further occurrences, folded under its row.
    private static func occurrences(_ rest: [PromiseDTO], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .details(.class("occurrences"),
            .summary(.text(ctx.t.count(rest.count, one: .promiseMoreOccurrencesOne, other: .promiseMoreOccurrences))),
            .ul(.class("plain"), .forEach(rest) { o in
                .li(.a(.href(.promise(o.id)), .text(ctx.t.day(o.due))), .text(" "), stateBadge(o, ctx))
            }))
    }

    static func list(_ ctx: PageContext, _ m: ListModel, flash: String?, status: HTTPResponseStatus = .ok) -> Response {
        let tabs: [(Tab, String)] = [(.mine, ctx.t(.promisesMine)), (.toMe, ctx.t(.promisesToMe))]
            + (m.leadsPeople ? [(.myPeople, ctx.t(.promisesToMyPeople))] : [])
        return Layout.page(ctx, title: ctx.t(.promisesHeading), status: status,
            .h1(.text(ctx.t(.promisesHeading))),
            Parts.flash(flash),
            .nav(.class("tabs"), .attribute(named: "aria-label", value: ctx.t(.promisesHeading)),
                .ul(.forEach(tabs) { tab, label in
                    .li(.a(.href(SiteURL.promises.with(["view": tab.rawValue])), .text(label),
                           .if(tab == m.tab, .attribute(named: "aria-current", value: "page"))))
                }, .li(.a(.href(.promiseRatio), .text(ctx.t(.promisesRatio)))))),
            .if(m.tab == .mine, .p(.class("lead"),
                .strong(.text(SayDoChart.percent(m.myTally.ratio))), .text(" · "),
                .text(m.myTally.counted == 0 ? ctx.t(.ratioNothing)
                      : ctx.t(.ratioValue, ["kept": String(m.myTally.keptOnTime), "counted": String(m.myTally.counted)])))),
            .h2(.text(ctx.t(.promisesOpen))),
            table(m.open, ctx, showOwner: m.tab != .mine),
            .h2(.text(ctx.t(.promisesSettled))),
            table(m.settled, ctx, showOwner: m.tab != .mine),
            .unwrap(m.nextCursor) { cursor in .p(.a(.href(SiteURL.promises.with(["view": m.tab.rawValue, "cursor": cursor])), .text(ctx.t(.nextPage)))) },
            .if(m.tab == .mine, newForm(ctx, m)),
            .if(m.tab == .mine, .section(.class("card"), .id("calendar"),
                .h2(.text(ctx.t(.calendarHeading))),
                .p(.class("hint"), .text(ctx.t(.calendarHint))),
                .p(.code(.class("feed-url"), .text(m.calendarURL))),
                .form(.method(.post), .action(.promiseCalendarRevoke), Parts.csrf(ctx),
                    .button(.type(.submit), .text(ctx.t(.calendarRevoke))))))
        )
    }

    private static func newForm(_ ctx: PageContext, _ m: ListModel) -> Node<HTML.BodyContext> {
        let v = m.values
        let chosen = v["to"] ?? ""
        let lookup: Bool
        let listed: [PersonRef]
        switch m.choices.people {
        case .list(let people): (lookup, listed) = (false, people)
        case .lookup: (lookup, listed) = (true, [])
        }
        func group(_ label: String, _ kind: String, _ refs: [PersonRef]) -> Node<HTML.SelectContext> {
            .if(!refs.isEmpty, .element(named: "optgroup", nodes: [.attribute(named: "label", value: label),
                .forEach(refs) { r in Parts.option("\(kind):\(r.id)", r.name, selected: chosen == "\(kind):\(r.id)") }]))
        }
        return .section(.class("card"), .id("new-promise"),
            .h2(.text(ctx.t(.promiseNewHeading))),
            Parts.flash(m.errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
            .form(.method(.post), .action(.promises), .id("promise-form"),
                Parts.csrf(ctx),
                Parts.textField("text", label: ctx.t(.promiseText), value: v["text"], required: true, error: m.errors["text"], limit: PromiseActions.maximumText),
                Parts.textField("due", label: ctx.t(.promiseDue), value: v["due"], type: .date, required: true, error: m.errors["due"]),
                .div(.class("field"),
                    .label(.for("to"), .text(ctx.t(.promiseTo))),
                    // Too many colleagues to list: departments and customers here, a colleague typed below.
                    .select(.id("to"), .attribute(named: "name", value: "to"), .if(!lookup, .attribute(named: "required")),
                            .attribute(named: "data-picker"),
                        Parts.option("", "–", selected: chosen.isEmpty),
                        .if(!lookup, group(ctx.t(.promiseReceiverPeople), "person", listed)),
                        group(ctx.t(.promiseReceiverDepartments), "department", m.choices.departments),
                        group(ctx.t(.promiseReceiverCustomers), "customer", m.choices.customers)),
                    .unwrap(m.errors["to"]) { .p(.class("field-error"), .text($0)) }),
                .if(lookup, Parts.personPicker("to_person", name: "to_person", label: ctx.t(.promiseToPerson), choices: .lookup,
                                               value: v["to_person"], error: m.errors["to_person"], ctx: ctx)),
                .div(.class("field"),
                    .label(.for("engagement_id"), .text(ctx.t(.promiseEngagement))),
                    .select(.id("engagement_id"), .attribute(named: "name", value: "engagement_id"),
                        Parts.option("", "–", selected: (v["engagement_id"] ?? "").isEmpty),
                        .forEach(m.choices.engagements) { e in Parts.option(e.id.uuidString, e.title, selected: v["engagement_id"] == e.id.uuidString) }),
                    .unwrap(m.errors["engagement_id"]) { .p(.class("field-error"), .text($0)) }),
                .div(.class("field"),
                    .label(.for("source"), .text(ctx.t(.promiseSource))),
                    .select(.id("source"), .attribute(named: "name", value: "source"),
                        .forEach(PromiseSource.allCases.filter(\.isChosenByHand)) { s in
                            Parts.option(s.rawValue, sourceLabel(s, ctx), selected: (v["source"] ?? "none") == s.rawValue)
                        })),
                .div(.class("recurrence"), .attribute(named: "role", value: "group"), .attribute(named: "aria-labelledby", value: "recurrence-label"),
                    .p(.id("recurrence-label"), .class("label"), .text(ctx.t(.promiseRepeat))),
                    .p(.class("hint"), .text(ctx.t(.promiseRepeatHint))),
                    .div(.class("inline-fields"),
                        .input(.id("every"), .name("every"), .type(.number), .attribute(named: "min", value: "1"),
                               .attribute(named: "max", value: "12"), .value(v["every"] ?? ""),
                               .attribute(named: "aria-label", value: ctx.t(.promiseRepeat))),
                        .select(.id("unit"), .attribute(named: "name", value: "unit"), .attribute(named: "aria-label", value: ctx.t(.promiseRepeat)),
                            Parts.option("week", ctx.t(.promiseRepeatUnitWeek), selected: v["unit"] != "month"),
                            Parts.option("month", ctx.t(.promiseRepeatUnitMonth), selected: v["unit"] == "month"))),
                    Parts.textField("until", label: ctx.t(.promiseRepeatUntil), value: v["until"], type: .date,
                                    error: m.errors["recurrence.until"] ?? m.errors["recurrence.every"])),
                .div(.class("actions"),
                    .button(.type(.submit), .class("primary"), .name("draft"), .value("0"), .text(ctx.t(.promiseMake))),
                    .button(.type(.submit), .name("draft"), .value("1"), .text(ctx.t(.promiseDraft)))))
        )
    }

    struct DetailModel {
        let promise: PromiseDTO
        let history: [PromiseHistoryDTO]
        /// Owner, their leader, the engagement's steerers or an admin.
        let actsAsOwner: Bool
        let isReceiver: Bool
    }

    static func detail(_ ctx: PageContext, _ m: DetailModel, flash: String?, problem: String?, status: HTTPResponseStatus = .ok) -> Response {
        let p = m.promise
        let state = PromiseState(rawValue: p.state) ?? .made
        let receiverIsPerson = p.to.type == PromiseReceiverKind.person.rawValue
        let mayRelease = state == .draft ? m.actsAsOwner : (receiverIsPerson ? m.isReceiver : m.actsAsOwner)
        return Layout.page(ctx, title: p.text, status: status,
            .p(.a(.href(.promises), .text("← " + ctx.t(.promisesHeading)))),
            .h1(.text(p.text)),
            Parts.flash(flash),
            Parts.flash(problem, kind: "error"),
            .p(.class("lead"), stateBadge(p, ctx), .text(" · \(ctx.t(.promiseDue)) \(ctx.t.day(p.due))")),
            .dl(.class("facts"),
                .dt(.text(ctx.t(.promiseOwner))), .dd(.a(.href(.person(p.owner.id)), .text(p.owner.name))),
                .dt(.text(ctx.t(.promiseTo))), .dd(.text(p.to.name)),
                .unwrap(p.engagement) { e in .group(.dt(.text(ctx.t(.promiseEngagement))), .dd(.a(.href(.engagement(e.id)), .text(e.title)))) },
                .dt(.text(ctx.t(.promiseSource))), .dd(.text(sourceLabel(PromiseSource(rawValue: p.source) ?? .none, ctx))),
                .unwrap(p.recurrence) { r in .group(.dt(.text(ctx.t(.promiseRepeat))), .dd(.text(Recurrence(storedText: r).map(ctx.t.recurrence) ?? r))) },
                .if(!p.note.isEmpty, .group(.dt(.text(ctx.t(.promiseStepNote))), .dd(.text(p.note))))),
            .unwrap(p.replacesId) { id in .p(.a(.href(.promise(id)), .text(ctx.t(.promiseReplaces)))) },
            .unwrap(p.replacedById) { id in .p(.a(.href(.promise(id)), .text(ctx.t(.promiseReplacedBy)))) },
            .if(state == .kept && receiverIsPerson, .p(.class("confirmation"), .text(
                p.confirmation == "confirmed" ? ctx.t(.promiseConfirmed)
                : p.confirmation == "disputed" ? ctx.t(.promiseDisputed) + (p.confirmationNote.isEmpty ? "" : ": " + p.confirmationNote)
                : ctx.t(.promiseAwaitingConfirmation)))),
            .if(state == .draft && m.actsAsOwner, stepForm(ctx, p, to: .made, button: ctx.t(.promiseMake), primary: true)),
            .if(state == .made && m.actsAsOwner, .section(.class("card steps"), .id("steps"),
                stepForm(ctx, p, to: .kept, button: ctx.t(.promiseKeep), note: ctx.t(.promiseKeepEvidence), noteRequired: true, primary: true),
                stepForm(ctx, p, to: .broken, button: ctx.t(.promiseBreak), note: ctx.t(.promiseBreakReason), noteRequired: true),
                renegotiateForm(ctx, p))),
            .if((state == .made || state == .draft) && mayRelease, .div(.class("card"),
                stepForm(ctx, p, to: .released, button: ctx.t(.promiseRelease), note: ctx.t(.promiseReleaseNote)))),
            .if(state == .kept && m.isReceiver, confirmationForm(ctx, p)),
            .section(.class("card"), .id("history"),
                .h2(.text(ctx.t(.promiseHistory))),
                .ol(.class("history"), .forEach(m.history) { h in
                    .li(.text("\(ctx.date(h.at)) · \(h.by.name): \(h.from.map { stateLabel($0, ctx) + " → " } ?? "")\(historyLabel(h.to, ctx))"),
                        .if(!h.note.isEmpty, .text(" — " + h.note)))
                }))
        )
    }

    private static func historyLabel(_ to: String, _ ctx: PageContext) -> String {
        switch to {
        case "confirmed": ctx.t(.promiseConfirmed)
        case "disputed": ctx.t(.promiseDisputed)
        default: stateLabel(to, ctx)
        }
    }

    private static func stepForm(_ ctx: PageContext, _ p: PromiseDTO, to: PromiseState, button: String, note: String? = nil,
                                 noteRequired: Bool = false, primary: Bool = false) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(.promiseTransitions(p.id)), .class("step step-\(to.rawValue)"),
            Parts.csrf(ctx),
            .input(.type(.hidden), .name("to"), .value(to.rawValue)),
            .unwrap(note) { label in
                .div(.class("field"),
                    .label(.for("note-\(to.rawValue)"), .text(label)),
                    .textarea(.id("note-\(to.rawValue)"), .name("note"), .required(noteRequired), .attribute(named: "rows", value: "2")))
            },
            .button(.type(.submit), .class(primary ? "primary" : ""), .text(button)))
    }

    private static func renegotiateForm(_ ctx: PageContext, _ p: PromiseDTO) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(.promiseTransitions(p.id)), .class("step step-renegotiated"),
            Parts.csrf(ctx),
            .input(.type(.hidden), .name("to"), .value(PromiseState.renegotiated.rawValue)),
            Parts.textField("new_due", label: ctx.t(.promiseNewDue), value: nil, type: .date, required: true),
            Parts.textField("new_text", label: ctx.t(.promiseNewText), value: nil),
            Parts.textField("note-renegotiated", label: ctx.t(.promiseStepNote), value: nil),
            .button(.type(.submit), .text(ctx.t(.promiseRenegotiate))))
    }

    private static func confirmationForm(_ ctx: PageContext, _ p: PromiseDTO) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(.promiseConfirmation(p.id)), .class("card confirmation-form"), .id("confirm"),
            Parts.csrf(ctx),
            .div(.class("field"),
                .label(.for("confirmation-note"), .text(ctx.t(.promiseDisputeNote))),
                .textarea(.id("confirmation-note"), .name("note"), .attribute(named: "rows", value: "2"))),
            .div(.class("actions"),
                .button(.type(.submit), .class("primary"), .name("kept"), .value("1"), .text(ctx.t(.promiseConfirm))),
                .button(.type(.submit), .name("kept"), .value("0"), .text(ctx.t(.promiseDispute)))))
    }
}

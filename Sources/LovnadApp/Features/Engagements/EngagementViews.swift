import Plot
import Vapor
import LovnadCore

enum EngagementViews {
    struct Model {
        let engagement: Engagement
        let team: [TeamMemberDTO]
        let state: HandoverQueries.State
        let checklist: [Readiness.Check]
        let staffing: [StaffingProfileDTO]
        let onboarding: [OnboardingDTO]
        let log: [LogEntryDTO]
        let corrected: [UUID: LogEntryDTO]
        let nextCursor: String?
        let filter: EngagementQueries.LogFilter
        let canSteer: Bool
        let isDeliveryLead: Bool
        let isLeader: Bool
        let promises: [PromiseDTO]
        let promiseStats: PromiseQueries.Stats
        /// Everyone who can be made delivery lead or staffed, for those who steer it while it is open.
        let people: PersonChoices

        var status: EngagementStatus { EngagementStatus(rawValue: engagement.status) ?? .lead }
        /// The sales owner (or an admin) while the engagement is won or in handover.
        let canEditHandover: Bool
        var id: UUID { engagement.id! }
    }

    static func statusLabel(_ s: EngagementStatus, _ ctx: PageContext) -> String { ctx.t(s.label) }

    static func kindLabel(_ k: LogKind, _ ctx: PageContext) -> String {
        switch k {
        case .note: ctx.t(.kindNote)
        case .decision: ctx.t(.kindDecision)
        case .change: ctx.t(.kindChange)
        case .risk: ctx.t(.kindRisk)
        case .customerContact: ctx.t(.kindCustomerContact)
        case .milestone: ctx.t(.kindMilestone)
        case .handover: ctx.t(.kindHandover)
        case .system: ctx.t(.kindSystem)
        }
    }

    static func readinessLabel(_ item: Readiness.Item, _ ctx: PageContext) -> String { ctx.t(item.label) }

    /// A refused transition's missing item, as a reader understands it.
    static func missingLabel(_ item: String, _ ctx: PageContext) -> String {
        if item == "delivery_lead" { return ctx.t(.missingDeliveryLead) }
        if item == "review_signed_off" { return ctx.t(.missingSignOff) }
        if item == "reason" { return ctx.t(.missingReason) }
        if item.hasPrefix("readiness."), let r = Readiness.Item(rawValue: String(item.dropFirst("readiness.".count))) {
            return readinessLabel(r, ctx)
        }
        return item
    }

    static func list(_ ctx: PageContext, rows: [(Engagement, mine: Bool)], status: EngagementStatus?, customers: [Customer],
                     errors: [String: String] = [:], httpStatus: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.navEngagements), status: httpStatus,
            .h1(.text(ctx.t(.engagementsHeading))),
            .if(!customers.isEmpty, .details(.class("card"), .if(!errors.isEmpty, .open(true)),
                .summary(.text(ctx.t(.newEngagement))),
                Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
                .form(.method(.post), .action(.engagements),
                    Parts.csrf(ctx),
                    Parts.textField("title", label: ctx.t(.fieldTitle), value: nil, required: true, error: errors["title"]),
                    .div(.class("field"), .label(.for("customer_id"), .text(ctx.t(.customer))),
                         .select(.id("customer_id"), .attribute(named: "name", value: "customer_id"),
                                 .forEach(customers) { c in Parts.option(c.id!.uuidString, c.name) })),
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.newEngagement)))),
                .p(.a(.href(.customers), .text(ctx.t(.addCustomer)))))),
            .form(.method(.get), .action(.engagements), .class("filters"),
                .div(.class("field"),
                    .label(.for("status"), .text(ctx.t(.status))),
                    .select(.id("status"), .attribute(named: "name", value: "status"),
                        Parts.option("", ctx.t(.allStatuses), selected: status == nil),
                        .forEach(EngagementStatus.allCases) { s in Parts.option(s.rawValue, statusLabel(s, ctx), selected: s == status) })),
                .button(.type(.submit), .text(ctx.t(.search)))),
            .if(rows.isEmpty, .p(.text(ctx.t(.noEngagements)))),
            .table(.class("engagements"),
                .tr(.th(.text(ctx.t(.fieldTitle))), .th(.text(ctx.t(.customer))), .th(.text(ctx.t(.status))), .th(.text(ctx.t(.deliveryLead)))),
                .forEach(rows) { e, mine in
                    .tr(.class(mine ? "mine" : ""),
                        .td(.a(.href(.engagement(e.id!)), .text(e.title)), .if(mine, .span(.class("badge"), .text(" " + ctx.t(.mineBadge))))),
                        .td(.text(e.customer.name)),
                        .td(.span(.class("status status-\(e.status)"), .text(statusLabel(EngagementStatus(rawValue: e.status) ?? .lead, ctx)))),
                        .td(.text(e.deliveryLead?.name ?? "–")))
                })
        )
    }

    static func page(_ ctx: PageContext, _ m: Model, notice: EngagementSection.Notice?, status: HTTPResponseStatus) -> Response {
        let e = m.engagement
        let sections = EngagementSection.allCases.filter { $0 != .onboarding || !m.onboarding.isEmpty }
        return Layout.page(ctx, title: e.title, status: status,
            .p(.a(.href(.engagements), .text("← " + ctx.t(.engagementsHeading)))),
            .h1(.text(e.title)),
            .p(.class("lead"), .text(e.customer.name + " · "), .span(.class("status status-\(e.status)"), .text(statusLabel(m.status, ctx)))),
            .div(.class("engagement-page"),
                .nav(.class("section-nav"), .ariaLabel(ctx.t(.engagementSections)),
                    .ul(.forEach(sections) { s in .li(.a(.href("#" + s.rawValue), .text(ctx.t(s.label)))) })),
                .div(.class("sections"),
                    overview(ctx, m, notice),
                    handover(ctx, m, notice),
                    team(ctx, m, notice),
                    .if(!m.onboarding.isEmpty, onboarding(ctx, m, notice)),
                    log(ctx, m, notice),
                    promises(ctx, m, notice)))
        )
    }

    /// The outcome of the last form post, when it was done in this part.
    private static func notice(_ n: EngagementSection.Notice?, in section: EngagementSection) -> Node<HTML.BodyContext> {
        guard let n, n.section == section else { return .empty }
        return Parts.flash(n.text, kind: n.isProblem ? "error" : "notice")
    }

    /// A form target that brings the reader back to the part the form is in.
    private static func target(_ m: Model, _ action: SiteURL.EngagementAction, in section: EngagementSection) -> Node<HTML.FormContext> {
        .action(SiteURL.engagementAction(m.id, action).with(anchor: section.rawValue))
    }

    private static func overview(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        let e = m.engagement
        let next = EngagementTransitions.steps[m.status]?.sorted { EngagementStatus.allCases.firstIndex(of: $0)! < EngagementStatus.allCases.firstIndex(of: $1)! } ?? []
        return .section(.class("card"), .id("overview"),
            .h2(.text(ctx.t(.overviewHeading))),
            notice(n, in: .overview),
            .dl(
                .dt(.text(ctx.t(.customer))), .dd(.text(e.customer.name)),
                .dt(.text(ctx.t(.salesOwner))), .dd(.a(.href(.person(e.$salesOwner.id)), .text(e.salesOwner.name))),
                .dt(.text(ctx.t(.deliveryLead))), .dd(.unwrap(e.deliveryLead, { l in .a(.href(.person(l.id!)), .text(l.name)) }, else: .text("–")))
            ),
            .if(!m.people.isEmpty, .details(.class("change-lead"), .summary(.text(ctx.t(.changeDeliveryLead))),
                .form(.method(.post), target(m, .deliveryLead, in: .overview),
                    Parts.csrf(ctx),
                    Parts.personPicker("delivery_lead_id", name: "delivery_lead_id", label: ctx.t(.deliveryLead), choices: m.people,
                                       selected: Set([e.$deliveryLead.id].compactMap { $0 }), required: true, blank: "–", ctx: ctx),
                    .button(.type(.submit), .text(ctx.t(.setDeliveryLead)))))),
            .if(m.canSteer && !next.isEmpty, .div(.class("transitions"),
                .h3(.text(ctx.t(.moveTo))),
                .forEach(next) { step in
                    .form(.method(.post), target(m, .transition, in: .overview), .class("transition"),
                        Parts.csrf(ctx),
                        .input(.type(.hidden), .name("to"), .value(step.rawValue)),
                        .if(step == .lost || step == .closed, Parts.textField("reason", id: "reason-\(step.rawValue)", label: ctx.t(.reasonLabel), value: nil)),
                        .if(step == .delivery && m.isLeader, Parts.textField("override_reason", id: "override-\(step.rawValue)", label: ctx.t(.overrideLabel), value: nil)),
                        .button(.type(.submit), .class(step == .lost ? "danger" : "primary"), .text(statusLabel(step, ctx))))
                }))
        )
    }

    private static func readiness(_ ctx: PageContext, _ m: Model) -> Node<HTML.BodyContext> {
        let changed = m.state.reviewedPackage.map { m.state.package.changedSections(since: $0) } ?? []
        return .div(.class("readiness"), .id("readiness"),
            .h3(.text(ctx.t(.readinessHeading))),
            .ul(.class("checklist"), .forEach(m.checklist) { check in
                .li(.class(check.passed ? "passed" : "missing"),
                    .span(.class("mark"), .attribute(named: "aria-hidden", value: "true"), .text(check.passed ? "✓ " : "✗ ")),
                    .text(readinessLabel(check.item, ctx)),
                    .span(.class("visually-hidden"), .text(check.passed ? " – " + ctx.t(.checkPassed) : " – " + ctx.t(.checkMissing))),
                    .if(!check.lacking.isEmpty, .span(.class("muted"), .text(": " + check.lacking.joined(separator: ", ")))))
            }),
            .p(.text(m.state.signedOffCurrent ? ctx.t(.signedOff) : ctx.t(.notSignedOff))),
            .unwrap(m.state.lastReview) { r in
                .p(.class("muted"), .text(ctx.t(.lastReview, ["date": ctx.t.day(r.heldOn), "revision": String(r.revisionNumber), "participants": r.participants])))
            },
            .if(!changed.isEmpty, .p(.class("flash notice"), .text(ctx.t(.changedSinceReview, ["sections": changed.map { sectionLabel($0, ctx) }.joined(separator: ", ")])))),
            .if(m.canSteer, .form(.method(.post), target(m, .review, in: .handover), .class("review"),
                .h3(.text(ctx.t(.recordReview))),
                Parts.csrf(ctx),
                Parts.textField("held_on", label: ctx.t(.heldOn), value: nil, type: .date, required: true),
                Parts.textField("participants", label: ctx.t(.participants), value: nil, required: true),
                .div(.class("field"), .label(.for("review-notes"), .text(ctx.t(.notesHeading))),
                     .textarea(.id("review-notes"), .name("notes"), .rows(3))),
                .if(m.isDeliveryLead, .div(.class("field checkbox"),
                    .label(.input(.type(.checkbox), .name("sign_off"), .id("sign_off")), .text(" " + ctx.t(.signOffLabel))))),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.recordReview)))))
        )
    }

    static func sectionLabel(_ s: HandoverPackage.Section, _ ctx: PageContext) -> String { ctx.t(s.label) }

    private static func promises(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        .section(.class("card"), .id("promises"),
            .h2(.text(ctx.t(.engagementPromises)), .span(.class("muted"), .text(" · " + SayDoChart.percent(m.promiseStats.total.ratio)))),
            notice(n, in: .promises),
            .p(.class("muted"), .text(SayDoViews.summary(ctx, m.promiseStats))),
            SayDoChart.svg(m.promiseStats.weeks, label: ctx.t(.ratioChartLabel), ctx),
            PromiseViews.table(m.promises, ctx))
    }

    private static func handover(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        let p = m.state.package
        return .section(.class("card"), .id("handover"),
            .h2(.text(ctx.t(.handoverHeading)), .span(.class("muted"), .text(" · " + ctx.t(.revision, ["number": String(m.state.revision)])))),
            notice(n, in: .handover),
            .if([.won, .handover].contains(m.status), readiness(ctx, m)),
            .if(m.canEditHandover, .p(.a(.class("button"), .href(.engagementAction(m.id, .handoverEdit)), .text(ctx.t(.editHandover))))),
            .if(m.state.revision == 0, .p(.text(ctx.t(.handoverEmpty)))),
            .if(m.state.revision > 0, .group(
                .h3(.text(ctx.t(.readyOffer))),
                .p(.text(p.offer.scope)),
                .if(!p.offer.outOfScope.isEmpty, .p(.class("muted"), .text(ctx.t(.outOfScope) + ": " + p.offer.outOfScope))),
                .p(.text([p.offer.priceModel.map { ctx.t($0.label) }, p.offer.value.map { ctx.t.money($0) }].compactMap { $0 }.joined(separator: " · "))),
                .h3(.text(ctx.t(.readyNeeds))), .ul(.forEach(p.needs) { .li(.text($0.text)) }),
                .h3(.text(ctx.t(.readyExpectations))), .ul(.class("expectations"), .forEach(p.expectations) { x in
                    .li(.text(x.text), .if(x.notAPromiseReason != nil, .span(.class("muted"), .text(" – " + ctx.t(.notAPromise) + ": " + (x.notAPromiseReason ?? "")))),
                        .unwrap(x.promiseId.flatMap(UUID.init(uuidString:)), { id in .a(.class("badge"), .href(.promise(id)), .text(" " + ctx.t(.expectationIsPromise))) },
                                else: .if(m.canSteer && !x.isSettled && !m.status.isFinal,
                                    .form(.method(.post), .action(.engagementAction(m.id, .expectationPromise(x.id))), .class("inline"),
                                          Parts.csrf(ctx), .button(.type(.submit), .class("small"), .text(ctx.t(.makeIntoPromise)))))))
                }),
                .h3(.text(ctx.t(.readyEstimates))), .table(.tr(.th(.text(ctx.t(.phase))), .th(.text(ctx.t(.hours))), .th(.text(ctx.t(.confidence))), .th(.text(ctx.t(.assumptions)))),
                    .forEach(p.estimates) { l in .tr(.td(.text(l.phase)), .td(.text(String(l.hours))), .td(.text(ctx.t(l.confidence.label))), .td(.text(l.assumptions))) }),
                .h3(.text(ctx.t(.readyTimeline))),
                .p(.text(ctx.t.period(p.timeline.start, p.timeline.end))),
                .ul(.forEach(p.timeline.milestones) { ms in .li(.text(ctx.t.day(ms.date) + ": " + ms.title)) }),
                .h3(.text(ctx.t(.readyProfiles))), .ul(.forEach(p.profiles) { pr in
                    .li(.text("\(pr.role) · \(pr.allocationPercent) % · " + pr.requirements.map { "\($0.skill) ≥ \($0.minimumLevel)" }.joined(separator: ", ")))
                }),
                .h3(.text(ctx.t(.readyRisks))), .ul(.forEach(p.risks) { r in
                    .li(.text(r.description + " " + ctx.t(.riskLevels, ["probability": ctx.t(r.probability.label), "impact": ctx.t(r.impact.label)]).lowercased()), .if(!r.mitigation.isEmpty, .span(.class("muted"), .text(" – " + r.mitigation))))
                }),
                .h3(.text(ctx.t(.readyContacts))), .ul(.forEach(p.contacts) { c in .li(.text([c.name, c.role, c.email, c.phone].filter { !$0.isEmpty }.joined(separator: " · "))) }),
                .h3(.text(ctx.t(.readyHistory))), .ul(.forEach(p.history) { h in .li(.text([h.date.map { ctx.t.day($0) }, h.text].compactMap { $0 }.joined(separator: ": "))) })
            ))
        )
    }

    /// Who is on the team, and while it can be steered, the profiles still to fill with the best candidates for each.
    private static func team(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        .section(.class("card"), .id("team"),
            .h2(.text(ctx.t(.teamAndStaffing))),
            notice(n, in: .team),
            .if(m.team.isEmpty, .p(.class("muted"), .text(ctx.t(.noTeamYet))), else: .ul(.class("team"), .forEach(m.team) { t in
                .li(.a(.href(.person(t.person.id)), .text(t.person.name)), .text(" · \(t.role) · \(t.allocationPercent) %"))
            })),
            .if(!m.staffing.isEmpty, .div(.id("staffing"),
                .h3(.text(ctx.t(.staffingHeading))),
                .forEach(m.staffing) { profile in
                    .div(.class("profile"),
                        .h4(.text("\(profile.role) · \(profile.allocationPercent) %")),
                        .unwrap(profile.staffed, { s in .p(.text(ctx.t(.staffedBy, ["name": s.name]))) }, else: .p(.class("muted"), .text(ctx.t(.notStaffed)))),
                        .if(profile.staffed == nil, candidates(ctx, m, profile),
                            else: .if(!profile.candidates.isEmpty, .details(.summary(.text(ctx.t(.staffSomeoneElse))), candidates(ctx, m, profile)))))
                },
                // Beyond the suggestions: any profile, anyone.
                .if(!m.people.isEmpty, .details(.class("staff-anyone"), .summary(.text(ctx.t(.staffAnyone))),
                    .form(.method(.post), target(m, .staff, in: .team),
                        Parts.csrf(ctx),
                        .div(.class("field"),
                            .label(.for("staff-profile"), .text(ctx.t(.staffProfile))),
                            .select(.id("staff-profile"), .attribute(named: "name", value: "profile_id"), .attribute(named: "required"),
                                .forEach(m.staffing) { p in
                                    Parts.option(p.profileId, "\(p.role) · \(p.allocationPercent) %" + (p.staffed.map { " · " + $0.name } ?? ""))
                                })),
                        // Whoever fills a profile already is not offered again, here as among the suggestions.
                        Parts.personPicker("staff-person", name: "person_id", label: ctx.t(.staffPerson),
                                           choices: m.people.filter { p in !m.staffing.contains { $0.staffed?.id == p.id } }, required: true,
                                           blank: "–", ctx: ctx),
                        .button(.type(.submit), .text(ctx.t(.staffAction))))))))
        )
    }

    /// How many suggestions a profile shows on the page (the API gives ten); only they are ranked for it.
    static let candidatesShown = 3

    private static func candidates<C: HTML.BodyContext>(_ ctx: PageContext, _ m: Model, _ profile: StaffingProfileDTO) -> Node<C> {
        .ol(.class("candidates"), .forEach(profile.candidates.prefix(candidatesShown)) { c in
            .li(.a(.href(.person(c.person.id)), .text(c.person.name)),
                .if(c.wouldOverallocate, .span(.class("badge warn"), .text(" " + ctx.t(.overallocated)))),
                .ul(.class("reasons"), .forEach(c.reasons) { .li(.text($0)) }),
                .form(.method(.post), target(m, .staff, in: .team), .class("inline"),
                    Parts.csrf(ctx),
                    .input(.type(.hidden), .name("profile_id"), .value(profile.profileId)),
                    .input(.type(.hidden), .name("person_id"), .value(c.person.id.uuidString)),
                    .button(.type(.submit), .class("small"), .text(ctx.t(.staffAction)))))
        })
    }

    private static func onboarding(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        .section(.class("card"), .id("onboarding"),
            .h2(.text(ctx.t(.onboardingHeading))),
            notice(n, in: .onboarding),
            .forEach(m.onboarding) { o in
                .div(.class("onboarding"),
                    .h3(.text("\(o.person.name) · \(o.done)/\(o.total)")),
                    .ul(.class("checklist"), .forEach(o.items) { item in
                        .li(.class(item.done ? "passed" : "missing"),
                            .form(.method(.post), target(m, .onboardingItem(item.id), in: .onboarding), .class("inline"),
                                Parts.csrf(ctx),
                                .input(.type(.hidden), .name("done"), .value(item.done ? "0" : "1")),
                                .button(.type(.submit), .class("small"), .attribute(named: "aria-pressed", value: item.done ? "true" : "false"),
                                        .text(item.done ? "✓" : "○")),
                                .text(" " + item.text)))
                    }))
            })
    }

    /// A log entry that is a promise links to it; one that could be offers to become one, with a due date.
    private static func logEntryPromise(_ ctx: PageContext, _ m: Model, _ entry: LogEntryDTO) -> Node<HTML.BodyContext> {
        let kind = LogKind(rawValue: entry.kind) ?? .note
        if let promise = m.promises.first(where: { $0.source == PromiseSource.logEntry.rawValue && $0.sourceRef == entry.id.uuidString }) {
            return .p(.a(.class("badge"), .href(.promise(promise.id)), .text(ctx.t(.expectationIsPromise))))
        }
        // Lovnad's own lines (status, handover, the ledger's steps) are records, not things to promise.
        guard kind != .system && kind != .handover && !entry.tags.contains("promise") && !m.status.isFinal else { return .empty }
        return .details(.class("to-promise"),
            .summary(.text(ctx.t(.makeIntoPromise))),
            .form(.method(.post), target(m, .logEntryPromise(entry.id), in: .log), .class("inline"),
                Parts.csrf(ctx),
                .label(.for("due-\(entry.sequence)"), .text(ctx.t(.promiseDue) + " ")),
                .input(.id("due-\(entry.sequence)"), .name("due"), .type(.date), .required(true)),
                .button(.type(.submit), .class("small"), .text(ctx.t(.promiseMake)))))
    }

    private static func log(_ ctx: PageContext, _ m: Model, _ n: EngagementSection.Notice?) -> Node<HTML.BodyContext> {
        let writable = LogKind.allCases.filter { $0 != .system && $0 != .handover }
        return .section(.class("card"), .id("log"),
            .h2(.text(ctx.t(.logHeading))),
            notice(n, in: .log),
            .p(.a(.href("/api/v1/engagements/\(m.id)/log/export"), .text(ctx.t(.exportMarkdown))), .text(" · "),
               .a(.href("/api/v1/engagements/\(m.id)/log/export?format=json"), .text(ctx.t(.exportJSON))), .text(" · "),
               .a(.href("/api/v1/engagements/\(m.id)/log/verify"), .text(ctx.t(.verifyChain)))),
            .form(.method(.post), target(m, .log, in: .log), .class("log-post"),
                Parts.csrf(ctx),
                .div(.class("field"), .label(.for("log-kind"), .text(ctx.t(.kindLabel))),
                     .select(.id("log-kind"), .attribute(named: "name", value: "kind"), .forEach(writable) { k in Parts.option(k.rawValue, kindLabel(k, ctx)) })),
                .div(.class("field"), .label(.for("log-body"), .text(ctx.t(.entryBody))),
                     .textarea(.id("log-body"), .name("body"), .rows(4), .required(true), Parts.limit(LogActions.maximumBody))),
                Parts.textField("tags", label: ctx.t(.tagsLabel), value: nil),
                .div(.class("field"), .label(.for("log-corrects"), .text(ctx.t(.correctsLabel))),
                     .select(.id("log-corrects"), .attribute(named: "name", value: "corrects"),
                        Parts.option("", "–"),
                        .forEach(m.log.prefix(20)) { e in Parts.option(e.id.uuidString, "#\(e.sequence) " + String(e.body.prefix(50))) })),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.addEntry)))),
            .form(.method(.get), .action(SiteURL.engagement(m.id).with(anchor: EngagementSection.log.rawValue)), .class("filters"),
                .div(.class("field"), .label(.for("filter-kind"), .text(ctx.t(.kindLabel))),
                     .select(.id("filter-kind"), .attribute(named: "name", value: "kind"), Parts.option("", ctx.t(.allKinds), selected: m.filter.kind == nil),
                             .forEach(LogKind.allCases) { k in Parts.option(k.rawValue, kindLabel(k, ctx), selected: m.filter.kind == k.rawValue) })),
                Parts.textField("tag", label: ctx.t(.tagLabel), value: m.filter.tag),
                Parts.textField("q", label: ctx.t(.search), value: m.filter.text, type: .search),
                .button(.type(.submit), .text(ctx.t(.search)))),
            .if(m.log.isEmpty, .p(.text(ctx.t(.noEntries)))),
            .ol(.class("log"), .attribute(named: "reversed"), .forEach(m.log) { entry in
                .li(.class("entry kind-\(entry.kind)"), .id("entry-\(entry.sequence)"),
                    .p(.class("meta"),
                       .strong(.text("#\(entry.sequence) " + kindLabel(LogKind(rawValue: entry.kind) ?? .note, ctx))),
                       .text(" · " + (entry.author?.name ?? "Lovnad") + " · " + ctx.date(entry.createdAt)),
                       .if(!entry.tags.isEmpty, .span(.class("tags"), .text(" · " + entry.tags.map { "#" + SystemLogTag.text($0, ctx.t) }.joined(separator: " "))))),
                    .unwrap(entry.corrects.flatMap { m.corrected[$0] }) { old in
                        .div(.class("corrected"), .p(.class("muted"), .text(ctx.t(.correctsEntry, ["number": String(old.sequence)]))),
                             .p(.class("struck"), .text(old.body)))
                    },
                    .div(.class("body"), .raw(entry.html)),
                    .p(.class("hash muted"), .text("sha256 " + String(entry.hash.prefix(16)) + "…")),
                    logEntryPromise(ctx, m, entry))
            }),
            .unwrap(m.nextCursor) { c in .p(.a(.class("button"), .href(SiteURL.engagement(m.id).with(["cursor": c], anchor: "log")), .text(ctx.t(.nextPage)))) }
        )
    }
}

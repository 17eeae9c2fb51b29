import Fluent
import Vapor
import LovnadCore

/// Making promises and moving them through their life: the only code that writes to the ledger.
/// A promise on an engagement writes each step to the engagement's log in the same transaction.
enum PromiseActions {
    struct NewPromise {
        var text: String
        var due: String?
        var receiverKind: String?
        var receiverID: UUID?
        var contactID: UUID?
        var engagementID: UUID?
        var source: String?
        var sourceRef: String?
        var ownerID: UUID?
        var draft = false
        var recurrence: RecurrenceInput?
    }

    struct RecurrenceInput {
        var every: Int?
        var unit: String?
        var until: String?
    }

    static let maximumText = 1000

    static func today(_ app: Application) -> Day { Day(app.clock.now(), in: app.settings.timeZone) }

    /// A promise made to a colleague tells them; one made on someone's behalf tells its owner. A series tells once.
    static func tellPromised(_ p: Promise, receiver: Receiver, actor: CurrentUser,
                             _ ctx: WriteContext) async throws {
        let ownerName = p.$owner.id == actor.id ? actor.person.name : (try await Person.find(p.$owner.id, on: ctx.db))?.name ?? ""
        if receiver.kind == .person, receiver.id != actor.id, receiver.id != p.$owner.id {
            try await NotificationActions.notify(Notice(personID: receiver.id, kind: "promise_made", promiseID: p.id,
                                                        params: ["owner": ownerName, "text": p.text, "due": p.due]), ctx)
        }
        if p.$owner.id != actor.id {
            try await NotificationActions.notify(Notice(personID: p.$owner.id, kind: "promise_made_for_you", promiseID: p.id,
                                                        params: ["actor": actor.person.name, "text": p.text, "due": p.due]), ctx)
        }
    }

    /// Makes a promise (or, when recurring, one per occurrence). Returns them in due order.
    /// `alongside` runs in the same transaction once the promises are written (to link them to where they came from).
    static func make(_ new: NewPromise, actor: CurrentUser, app: Application,
                     alongside: (@Sendable (WriteContext, [Promise]) async throws -> Void)? = nil) async throws -> [Promise] {
        try await app.store.write { ctx in try await make(new, actor: actor, alongside: alongside, ctx) }
    }

    static func make(_ new: NewPromise, actor: CurrentUser, alongside: (@Sendable (WriteContext, [Promise]) async throws -> Void)? = nil,
                     _ ctx: WriteContext) async throws -> [Promise] {
        let db = ctx.db
        let app = ctx.app
        let today = today(app)
        var errors = FieldErrors()
        let text = new.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > maximumText { errors.add("text", .length(min: 1, max: maximumText)) }
        let due = new.due.flatMap(Day.init)
        if new.due == nil || new.due?.isEmpty == true { errors.add("due", .required) }
        else if due == nil { errors.add("due", .notADate) }
        else if let due, due < today { errors.add("due", .dateInPast) }
        let source = new.source.map { PromiseSource(rawValue: $0) } ?? PromiseSource.none
        if source == nil { errors.add("source", .unknownKind) }
        // A promise from an expectation, a log entry or an answer is made from it, and names it.
        else if source?.isChosenByHand == false, new.sourceRef == nil { errors.add("source", .unknownKind) }

        var engagement: Engagement?
        if let id = new.engagementID {
            engagement = try? await EngagementAccess.visible(id, user: actor, on: db)
            if engagement == nil { errors.add("engagement_id", .notAnID) }
            else if EngagementStatus(rawValue: engagement!.status)?.isFinal == true { errors.add("engagement_id", .engagementClosed) }
        }
        let receiver = try await resolveReceiver(kind: new.receiverKind, id: new.receiverID, contactID: new.contactID,
                                                 engagement: engagement, errors: &errors, on: db)
        let ownerID = new.ownerID ?? actor.id
        if ownerID != actor.id {
            if try await Person.query(on: db).filter(\.$id == ownerID).filter(\.$active == true).first() == nil {
                errors.add("owner_id", .unknownPerson)
            }
        }
        var recurrence: Recurrence?
        if let r = new.recurrence {
            let unit = r.unit.flatMap(Recurrence.Unit.init(rawValue:))
            if unit == nil { errors.add("recurrence.unit", .unknownKind) }
            let until = r.until.flatMap(Day.init)
            if until == nil { errors.add("recurrence.until", .notADate) }
            if let unit, let until, let due {
                let candidate = Recurrence(every: r.every ?? 1, unit: unit, until: until)
                for (field, issue) in candidate.issues(first: due) { errors.add(field, issue) }
                recurrence = candidate
            }
        }
        try errors.throwIfAny()
        if ownerID != actor.id, !(try await mayActFor(ownerID: ownerID, engagement: engagement, actor: actor, on: db)) {
            throw AppError.forbidden(.refusePromiseOnBehalf)
        }

        let now = ctx.now
        let days = recurrence?.occurrences(first: due!) ?? [due!]
        let seriesID: UUID? = recurrence == nil ? nil : UUID()
        let recurrenceText = recurrence?.storedText
        let state: PromiseState = new.draft ? .draft : .made
        let engagementID = engagement?.id
        let customerID = receiver?.customerID ?? engagement?.$customer.id
        let receiverValue = receiver!
        do {
            var made: [Promise] = []
            for day in days {
                let p = Promise()
                p.text = text
                p.$owner.id = ownerID
                p.receiverKind = receiverValue.kind.rawValue
                p.receiverID = receiverValue.id
                p.$receiverContact.id = receiverValue.contactID
                p.$customer.id = customerID
                p.$engagement.id = engagementID
                p.source = source!.rawValue
                p.sourceRef = new.sourceRef
                p.state = state.rawValue
                p.due = day.description
                p.dueDay = day.ordinal
                p.seriesID = seriesID
                p.recurrence = recurrenceText
                p.note = ""
                p.confirmationNote = ""
                p.chainCounted = false
                p.$createdBy.id = actor.id
                p.createdAt = now
                p.updatedAt = now
                p.refreshContribution()
                try await p.create(on: db)
                try await PromiseTransition(promiseID: p.id!, from: nil, to: state.rawValue, note: "", actorID: actor.id, now: now).create(on: db)
                try await PromiseReminderJobs.schedule(p, ctx)
                made.append(p)
            }
            if let engagementID, state == .made {
                let line = days.count == 1
                    ? LogLine(.promiseMade, ["receiver": receiverValue.name, "text": text, "due": days[0].description])
                    : LogLine(.promiseMadeRepeating, ["receiver": receiverValue.name, "text": text, "count": String(days.count),
                                                      "first": days[0].description, "last": days.last!.description])
                try await ctx.appendLog(to: engagementID, kind: .change, lines: [line], tags: ["promise"], authorID: actor.id)
            }
            if state == .made, let first = made.first {
                try await tellPromised(first, receiver: receiverValue, actor: actor, ctx)
            }
            try await alongside?(ctx, made)
            for p in made { ctx.emit(PromiseEvents.changed(p, type: .promiseCreated)) }
            return made
        }
    }

    struct Receiver {
        var kind: PromiseReceiverKind
        var id: UUID
        var contactID: UUID?
        var customerID: UUID?
        var name: String
    }

    private static func resolveReceiver(kind: String?, id: UUID?, contactID: UUID?, engagement: Engagement?,
                                        errors: inout FieldErrors, on db: any Database) async throws -> Receiver? {
        guard let kind = kind.flatMap(PromiseReceiverKind.init(rawValue:)) else {
            errors.add("to.type", kind == nil ? .required : .unknownKind)
            return nil
        }
        guard let id else { errors.add("to.id", .required); return nil }
        switch kind {
        case .customer:
            guard let customer = try await Customer.find(id, on: db) else { errors.add("to.id", .unknownReceiver); return nil }
            if let engagement, engagement.$customer.id != id { errors.add("to.id", .notThisEngagementsCustomer) }
            var name = customer.name
            if let contactID {
                guard let contact = try await CustomerContact.query(on: db).filter(\.$id == contactID)
                    .filter(\.$customer.$id == id).first() else { errors.add("to.contact_id", .unknownReceiver); return nil }
                name = "\(contact.name) (\(customer.name))"
            }
            return Receiver(kind: .customer, id: id, contactID: contactID, customerID: id, name: name)
        case .person:
            guard let person = try await Person.query(on: db).filter(\.$id == id).filter(\.$active == true).first() else {
                errors.add("to.id", .unknownReceiver); return nil
            }
            return Receiver(kind: .person, id: id, name: person.name)
        case .department:
            guard let department = try await Department.find(id, on: db) else { errors.add("to.id", .unknownReceiver); return nil }
            return Receiver(kind: .department, id: id, name: department.name)
        }
    }

    /// Someone other than the owner acting on the owner's promises: their leader, an admin, or, for an
    /// engagement's promise, someone who steers the engagement.
    static func mayActFor(ownerID: UUID, engagement: Engagement?, actor: CurrentUser, on db: any Database) async throws -> Bool {
        if actor.isAdmin { return true }
        if let engagement, EngagementAccess.canSteer(engagement, user: actor) { return true }
        return try await PromiseAccess.ledPeople(by: actor, on: db).contains(ownerID)
    }

    /// A step as a form or JSON body gives it: `to` must name a state, `new_due` (if given) a date.
    static func step(to: String?, note: String?, newDue: String?, newText: String?) throws -> PromiseStep {
        guard let target = to.flatMap(PromiseState.init(rawValue:)) else {
            throw AppError.invalid(["to": to == nil ? .required : .unknownKind])
        }
        return PromiseStep(to: target, note: note ?? "", newDue: try Day.field(newDue, named: "new_due"), newText: newText ?? "")
    }

    /// Takes a step in the promise's life. A renegotiation returns the new promise that replaces it.
    @discardableResult
    static func transition(promiseID: UUID, step: PromiseStep, actor: CurrentUser, app: Application) async throws -> (promise: Promise, replacement: Promise?) {
        try await app.store.write { ctx in try await transition(promiseID: promiseID, step: step, actor: actor, ctx) }
    }

    private static func transition(promiseID: UUID, step: PromiseStep, actor: CurrentUser, _ ctx: WriteContext) async throws -> (promise: Promise, replacement: Promise?) {
        let db = ctx.db
        let app = ctx.app
        let promise = try await PromiseAccess.visible(promiseID, user: actor, on: db)
        let from = promise.promiseState
        let facts = PromiseActorFacts(
            isOwner: promise.$owner.id == actor.id,
            actsForOwner: try await mayActFor(ownerID: promise.$owner.id, engagement: promise.engagement, actor: actor, on: db),
            isReceiver: promise.receiver == .person && promise.receiverID == actor.id,
            receiverIsPerson: promise.receiver == .person)
        let today = today(app)
        let newText = step.newText.trimmingCharacters(in: .whitespacesAndNewlines)
        if newText.count > maximumText { throw AppError.invalid(["new_text": .length(min: 0, max: maximumText)]) }
        if step.note.count > maximumText { throw AppError.invalid(["note": .tooLong(max: maximumText)]) }
        switch PromiseTransitions.refusal(from: from, step: step, due: promise.dueDate, text: promise.text, today: today, actor: facts) {
        case .notAllowed(let from, let to)?:
            // The API names the states; a page says it in words.
            throw AppError(status: .conflict, code: "conflict", message: "A \(from.rawValue) promise cannot become \(to.rawValue)",
                           refusal: .refusePromiseStep)
        case .notYours?:
            throw AppError.forbidden(step.to == .released && facts.receiverIsPerson ? .refuseReleaseByReceiver : .refusePromiseOwner)
        case .invalid(let issues)?:
            throw AppError.invalid(issues)
        case nil:
            break
        }
        let now = ctx.now
        let note = step.note.trimmingCharacters(in: .whitespacesAndNewlines)
        let receiverName = try await receiverName(of: promise, on: db)
        do {
            promise.state = step.to.rawValue
            if step.to != .made { promise.settledOn = today.description }
            promise.note = note
            promise.updatedAt = now
            promise.refreshContribution()
            try await promise.update(on: db)
            try await PromiseTransition(promiseID: promiseID, from: from, to: step.to.rawValue, note: note, actorID: actor.id, now: now).create(on: db)
            if step.to == .made {
                try await PromiseReminderJobs.schedule(promise, ctx)
                if let kind = PromiseReceiverKind(rawValue: promise.receiverKind) {
                    try await tellPromised(promise, receiver: .init(kind: kind, id: promise.receiverID, name: receiverName), actor: actor, ctx)
                }
            }
            var replacement: Promise?
            if step.to == .renegotiated, let newDue = step.newDue {
                let r = Promise()
                r.text = newText.isEmpty ? promise.text : newText
                r.$owner.id = promise.$owner.id
                r.receiverKind = promise.receiverKind
                r.receiverID = promise.receiverID
                r.$receiverContact.id = promise.$receiverContact.id
                r.$customer.id = promise.$customer.id
                r.$engagement.id = promise.$engagement.id
                r.source = promise.source
                r.sourceRef = promise.sourceRef
                r.state = PromiseState.made.rawValue
                r.due = newDue.description
                r.dueDay = newDue.ordinal
                r.seriesID = promise.seriesID
                r.$replaces.id = promiseID
                r.note = ""
                r.confirmationNote = ""
                r.chainCounted = SayDo.replacementIsAlreadyCounted(promise.sayDoFacts)
                r.$createdBy.id = actor.id
                r.createdAt = now
                r.updatedAt = now
                r.refreshContribution()
                try await r.create(on: db)
                try await PromiseTransition(promiseID: r.id!, from: nil, to: PromiseState.made.rawValue,
                                            note: note, actorID: actor.id, now: now).create(on: db)
                try await PromiseReminderJobs.schedule(r, ctx)
                replacement = r
            }
            if let engagementID = promise.$engagement.id, let lines = logLines(promise: promise, to: step.to, note: note,
                                                                                replacement: replacement, receiverName: receiverName) {
                try await ctx.appendLog(to: engagementID, kind: .change, lines: lines, tags: ["promise"], authorID: actor.id)
            }
            ctx.emit(PromiseEvents.changed(promise, type: .promise(step.to.rawValue)))
            if let replacement { ctx.emit(PromiseEvents.changed(replacement, type: .promiseCreated)) }
            return (promise, replacement)
        }
    }

    private static func logLines(promise: Promise, to: PromiseState, note: String, replacement: Promise?,
                                 receiverName: String) -> [LogLine]? {
        let what = ["receiver": receiverName, "text": promise.text]
        let step: LogLine
        switch to {
        case .made: step = LogLine(.promiseMade, what.merging(["due": promise.due]) { a, _ in a })
        case .kept: step = LogLine(.promiseKept, what)
        case .broken: step = LogLine(.promiseBroken, what)
        case .renegotiated:
            step = LogLine(.promiseRenegotiated, what.merging(["new_text": replacement?.text ?? "", "new_due": replacement?.due ?? ""]) { a, _ in a })
        case .released: step = LogLine(.promiseReleased, what)
        case .draft: return nil
        }
        return note.isEmpty ? [step] : [step, LogLine(.note, ["text": note])]
    }

    static func receiverName(of promise: Promise, on db: any Database) async throws -> String {
        switch promise.receiver {
        case .customer:
            let customer = try await Customer.find(promise.receiverID, on: db)?.name ?? "kunden"
            if let contactID = promise.$receiverContact.id, let contact = try await CustomerContact.find(contactID, on: db) {
                return "\(contact.name) (\(customer))"
            }
            return customer
        case .person: return try await Person.find(promise.receiverID, on: db)?.name ?? "?"
        case .department: return try await Department.find(promise.receiverID, on: db)?.name ?? "?"
        }
    }

    /// The receiving colleague confirms a kept promise, or disputes it with a note. They may change their
    /// answer later (a dispute is resolved by confirming).
    static func confirm(promiseID: UUID, kept: Bool, note: String, actor: CurrentUser, app: Application) async throws -> Promise {
        try await app.store.write { ctx in try await confirm(promiseID: promiseID, kept: kept, note: note, actor: actor, ctx) }
    }

    private static func confirm(promiseID: UUID, kept: Bool, note: String, actor: CurrentUser, _ ctx: WriteContext) async throws -> Promise {
        let promise = try await PromiseAccess.visible(promiseID, user: actor, on: ctx.db)
        guard promise.receiver == .person, promise.receiverID == actor.id else {
            throw AppError.forbidden(.refuseConfirmer)
        }
        guard promise.promiseState == .kept else {
            throw AppError.conflict(.refuseConfirmState)
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !kept && note.isEmpty { throw AppError.invalid(["note": .required]) }
        if note.count > maximumText { throw AppError.invalid(["note": .tooLong(max: maximumText)]) }
        let now = ctx.now
        let answer: PromiseConfirmation = kept ? .confirmed : .disputed
        do {
            let db = ctx.db
            promise.confirmation = answer.rawValue
            promise.confirmationNote = note
            promise.confirmedAt = now
            promise.updatedAt = now
            promise.refreshContribution()
            try await promise.update(on: db)
            try await PromiseTransition(promiseID: promiseID, from: .kept, to: answer.rawValue, note: note, actorID: actor.id, now: now).create(on: db)
        }
        ctx.emit(PromiseEvents.changed(promise, type: .promise(answer.rawValue)))
        return promise
    }
}

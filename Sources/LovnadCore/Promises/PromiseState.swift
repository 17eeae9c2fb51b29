import Foundation

/// A promise's life: draft → made → kept | broken | renegotiated | released. Overdue is not a state:
/// it is "made and past due", derived when asked.
public enum PromiseState: String, CaseIterable, Codable, Sendable {
    case draft, made, kept, broken, renegotiated, released

    public var isFinal: Bool { self != .draft && self != .made }

    public func isOverdue(due: Day, today: Day) -> Bool { self == .made && due < today }
}

/// Where a promise came from.
public enum PromiseSource: String, CaseIterable, Codable, Sendable {
    case salesMeeting = "sales_meeting", handover, logEntry = "log_entry", oneToOne = "one_to_one"
    case departmentMeeting = "department_meeting", answer, none

    /// Where someone says a promise was made. The others name a thing it was made from (a handover
    /// expectation, a log entry, an answer), and only that step makes them.
    public var isChosenByHand: Bool { self != .handover && self != .logEntry && self != .answer }
}

/// To whom a promise is made.
public enum PromiseReceiverKind: String, CaseIterable, Codable, Sendable {
    case customer, person, department
}

/// The receiver's answer once a colleague's promise to them is marked kept.
public enum PromiseConfirmation: String, Codable, Sendable {
    case confirmed, disputed
}

/// A requested step and what it carries.
public struct PromiseStep: Sendable, Equatable {
    public var to: PromiseState
    public var note: String
    public var newDue: Day?
    public var newText: String
    public init(to: PromiseState, note: String = "", newDue: Day? = nil, newText: String = "") {
        self.to = to; self.note = note; self.newDue = newDue; self.newText = newText
    }
}

/// Who asks for a step, relative to the promise.
public struct PromiseActorFacts: Sendable, Equatable {
    public var isOwner: Bool
    /// Owner's leader or an admin: may act for the owner.
    public var actsForOwner: Bool
    public var isReceiver: Bool
    /// The receiver is a person with a Lovnad account, whose consent a release needs.
    public var receiverIsPerson: Bool
    public init(isOwner: Bool, actsForOwner: Bool = false, isReceiver: Bool = false, receiverIsPerson: Bool = false) {
        self.isOwner = isOwner; self.actsForOwner = actsForOwner; self.isReceiver = isReceiver; self.receiverIsPerson = receiverIsPerson
    }
}

public enum PromiseRefusal: Error, Equatable, Sendable {
    /// Not a step from where the promise is (409).
    case notAllowed(from: PromiseState, to: PromiseState)
    /// A legal step, but the asker may not take it (403), e.g. a release without the receiver's consent.
    case notYours
    /// Fields that must be given or corrected (422), by field name.
    case invalid([String: FieldIssue])
}

public enum PromiseTransitions {
    public static let steps: [PromiseState: Set<PromiseState>] = [
        .draft: [.made, .released],
        .made: [.kept, .broken, .renegotiated, .released],
        .kept: [], .broken: [], .renegotiated: [], .released: [],
    ]

    /// Nil when the step may be taken; otherwise why not.
    public static func refusal(from: PromiseState, step: PromiseStep, due: Day, text: String, today: Day,
                               actor: PromiseActorFacts) -> PromiseRefusal? {
        guard steps[from]?.contains(step.to) == true else { return .notAllowed(from: from, to: step.to) }
        let mayActAsOwner = actor.isOwner || actor.actsForOwner
        let note = step.note.trimmingCharacters(in: .whitespacesAndNewlines)
        switch step.to {
        case .released:
            // Releasing a made promise to a colleague is theirs to give; a draft was never given.
            if from == .made && actor.receiverIsPerson {
                if !actor.isReceiver { return .notYours }
            } else if !mayActAsOwner && !actor.isReceiver {
                return .notYours
            }
            return nil
        case .kept, .broken, .renegotiated, .made:
            guard mayActAsOwner else { return .notYours }
        case .draft:
            return .notAllowed(from: from, to: step.to)
        }
        var issues: [String: FieldIssue] = [:]
        switch step.to {
        case .made:
            if due < today { issues["due"] = .dateInPast }
        case .kept:
            if note.isEmpty { issues["note"] = .required }
        case .broken:
            if note.isEmpty { issues["note"] = .required }
        case .renegotiated:
            let newText = step.newText.trimmingCharacters(in: .whitespacesAndNewlines)
            if let newDue = step.newDue {
                if newDue < today { issues["new_due"] = .dateInPast }
                else if newDue == due && (newText.isEmpty || newText == text) { issues["new_due"] = .unchangedTerms }
            } else {
                issues["new_due"] = .required
            }
        case .draft, .released:
            break
        }
        return issues.isEmpty ? nil : .invalid(issues)
    }
}

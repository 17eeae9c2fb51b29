/// What is wrong with one field of a request. The API says it in English; pages in the reader's language.
public enum FieldIssue: Equatable, Sendable {
    case required
    case length(min: Int, max: Int)
    case tooLong(max: Int)
    case tooMany(max: Int)
    case notAnEmail
    case emailInUse
    case needsRole
    case unknownRoles([String])
    case passwordTooShort(min: Int)
    case passwordUnchanged
    case wrongPassword
    case unknownLanguage
    case unknownTimeZone
    case notInCatalogue(String)
    case levelRange
    case yearRange(max: Int)
    case notAYear
    case listedTwice(String)
    case nameTaken(String, by: String)
    case notAWholeNumber
    case unknownCursor
    case notAnID
    case notNegative
    case endBeforeStart
    case allocationRange
    case invalidOrgNumber
    case orgNumberInUse
    case unknownPerson
    case noOneNamed(String)
    case unknownKind
    case reservedKind
    case notInThisLog
    case notADate
    case skillFormat
    case dateInPast
    case dateInFuture
    case unchangedTerms
    case unknownReceiver
    case withinAYear
    case engagementClosed
    case notThisEngagementsCustomer
    case withinThreeYears
    case notAnEmoji
    case memberCount(min: Int, max: Int)
    case normRange(min: Int, max: Int)
    case notInThisChannel
    case controlCharacters
    case onlyForEngagement
    case noDepartment
    case notInThisQuestion
    case unknownSkill
    case mergeIntoItself

    public var english: String { Localizer(.en).issue(self) }
}

extension Localizer {
    public func issue(_ issue: FieldIssue) -> String {
        switch issue {
        case .required: return self(.issueRequired)
        case .length(let min, let max): return self(.issueLength, ["min": String(min), "max": String(max)])
        case .tooLong(let max): return self(.issueTooLong, ["max": String(max)])
        case .tooMany(let max): return self(.issueTooMany, ["max": String(max)])
        case .notAnEmail: return self(.issueNotAnEmail)
        case .emailInUse: return self(.issueEmailInUse)
        case .needsRole: return self(.issueNeedsRole)
        case .unknownRoles(let names): return self(.issueUnknownRoles, ["roles": names.joined(separator: ", ")])
        case .passwordTooShort(let min): return self(.issuePasswordTooShort, ["min": String(min)])
        case .passwordUnchanged: return self(.issuePasswordUnchanged)
        case .wrongPassword: return self(.issueWrongPassword)
        case .unknownLanguage: return self(.issueUnknownLanguage)
        case .unknownTimeZone: return self(.issueUnknownTimeZone)
        case .notInCatalogue(let name): return self(.issueNotInCatalogue, ["name": name])
        case .levelRange: return self(.issueLevelRange)
        case .yearRange(let max): return self(.issueYearRange, ["max": String(max)])
        case .notAYear: return self(.issueNotAYear)
        case .listedTwice(let name): return self(.issueListedTwice, ["name": name])
        case .nameTaken(let name, let by): return self(.issueNameTaken, ["name": name, "skill": by])
        case .notAWholeNumber: return self(.issueNotAWholeNumber)
        case .unknownCursor: return self(.issueUnknownCursor)
        case .notAnID: return self(.issueNotAnID)
        case .notNegative: return self(.issueNotNegative)
        case .endBeforeStart: return self(.issueEndBeforeStart)
        case .allocationRange: return self(.issueAllocationRange)
        case .invalidOrgNumber: return self(.issueInvalidOrgNumber)
        case .orgNumberInUse: return self(.issueOrgNumberInUse)
        case .unknownPerson: return self(.issueUnknownPerson)
        case .noOneNamed(let name): return self(.issueNoOneNamed, ["name": name])
        case .unknownKind: return self(.issueUnknownKind)
        case .reservedKind: return self(.issueReservedKind)
        case .notInThisLog: return self(.issueNotInThisLog)
        case .notADate: return self(.issueNotADate)
        case .skillFormat: return self(.issueSkillFormat)
        case .dateInPast: return self(.issueDateInPast)
        case .dateInFuture: return self(.issueDateInFuture)
        case .unchangedTerms: return self(.issueUnchangedTerms)
        case .unknownReceiver: return self(.issueUnknownReceiver)
        case .withinAYear: return self(.issueWithinAYear)
        case .engagementClosed: return self(.issueEngagementClosed)
        case .notThisEngagementsCustomer: return self(.issueNotThisEngagementsCustomer)
        case .withinThreeYears: return self(.issueWithinThreeYears)
        case .notAnEmoji: return self(.issueNotAnEmoji)
        case .memberCount(let min, let max): return self(.issueMemberCount, ["min": String(min), "max": String(max)])
        case .normRange(let min, let max): return self(.issueNormRange, ["min": String(min), "max": String(max)])
        case .notInThisChannel: return self(.issueNotInThisChannel)
        case .controlCharacters: return self(.issueControlCharacters)
        case .onlyForEngagement: return self(.issueOnlyForEngagement)
        case .noDepartment: return self(.issueNoDepartment)
        case .notInThisQuestion: return self(.issueNotInThisQuestion)
        case .unknownSkill: return self(.issueUnknownSkill)
        case .mergeIntoItself: return self(.issueMergeIntoItself)
        }
    }
}

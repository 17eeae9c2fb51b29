import Foundation

/// Who may see a question: everyone, the asker's department, or an engagement's team (confidential to
/// those who may see the engagement).
public enum QuestionVisibility: String, Sendable, CaseIterable, Codable {
    case everyone
    case department
    case engagement
}

import Foundation

/// What a search hit is.
enum SearchKind: String, Sendable, CaseIterable, Codable {
    case person
    case skill
    case question
    case answer
    case message
    case log
    case promise
}

/// Who may see a document, decided as the thing itself decides it.
enum SearchScope: String, Sendable {
    /// Every signed-in person.
    case everyone
    /// Those who may see the channel `scope_id` (`ChannelAccess`).
    case channel
    /// Those who may see the engagement `scope_id` (`EngagementVisibility`).
    case engagement
    /// The department `scope_id`'s people, and whoever wrote it.
    case department
    /// Those who may see the promise itself (`PromiseAccess`).
    case promise
}

/// One thing as the index holds it: its original text (what snippets are cut from), where it belongs
/// (`parentID`: a message's channel, an answer's question, a log entry's engagement), and who may see it.
struct SearchDocument: Sendable, Equatable {
    let kind: SearchKind
    let refID: UUID
    var parentID: UUID?
    let title: String
    let body: String
    let scope: SearchScope
    var scopeID: UUID?
    /// The author, for what its author may always see (a question to a department they left).
    var authorID: UUID?
    let at: Date
}

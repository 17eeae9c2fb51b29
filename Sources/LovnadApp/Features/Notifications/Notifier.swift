import Foundation

/// Something to tell a person. Every notice lands in the in-app centre, as an event in the stream;
/// other ways of telling (e-mail, chat) will read those events rather than be called here.
struct Notice: Sendable {
    let personID: UUID
    let kind: String
    let promiseID: UUID?
    let params: [String: String]
    /// What the notice is about beyond a promise (a thread), so one unread notice can stand for many changes.
    var subjectID: UUID? = nil
}

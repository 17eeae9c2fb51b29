import Fluent
import SQLKit
import Synchronization
import Vapor

/// Group commit for posting, on top of the store's: messages that arrive while a batch is being written
/// wait and are written together as one write of a handful of multi-row statements, instead of seven
/// round trips to the database per message (also on PostgreSQL, which has no group commit of its own).
/// Each message still commits with its live event; the caller waits until its batch has committed.
final class PostQueue: Sendable {
    /// Large enough to absorb a burst, small enough to keep one transaction short.
    static let maxBatch = 200

    private struct State {
        var pending: [(MessageDraft, CheckedContinuation<MessageDTO, any Error>)] = []
        var writing = false
    }
    private let state = Mutex(State())

    /// Writes the message (with others waiting at the same time) and returns it as the API shows it.
    func submit(_ draft: MessageDraft, app: Application) async throws -> MessageDTO {
        try await withCheckedThrowingContinuation { waiter in
            let startWriter = state.withLock { s -> Bool in
                s.pending.append((draft, waiter))
                if s.writing { return false }
                s.writing = true
                return true
            }
            if startWriter { Task { await self.drain(app: app) } }
        }
    }

    private func drain(app: Application) async {
        while true {
            let batch = state.withLock { s -> [(MessageDraft, CheckedContinuation<MessageDTO, any Error>)] in
                let batch = Array(s.pending.prefix(Self.maxBatch))
                s.pending.removeFirst(batch.count)
                if batch.isEmpty { s.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let drafts = batch.map(\.0)
                let results = try await app.store.write { ctx in try await PostingActions.write(drafts, ctx, as: .posted) }
                for (waiter, result) in zip(batch.map(\.1), results) { waiter.resume(with: result) }
            } catch {
                for (_, waiter) in batch { waiter.resume(throwing: error) }
            }
        }
    }
}

extension Application {
    private struct PostQueueKey: StorageKey { typealias Value = PostQueue }
    var postQueue: PostQueue {
        if let queue = storage[PostQueueKey.self] { return queue }
        let queue = PostQueue()
        storage[PostQueueKey.self] = queue
        return queue
    }
}

import Foundation
import Synchronization
import Vapor

/// One client of the live stream. Until it is ready (replay done) live events wait in a buffer; after
/// that each event the person may see is sent once, in id order. A client that does not keep up is
/// closed once `maxPending` frames wait, rather than holding memory or slowing the others.
final class LiveConnection: Sendable {
    static let maxPending = 1000

    let personID: UUID
    /// The session or token the connection was opened with: signing out or revoking it ends the connection.
    let credential: CurrentUser.Credential
    let ws: WebSocket
    private struct State {
        var channels: Set<UUID> = []
        var ready = false
        var buffer: [LiveEvent] = []
        var lastSent = 0
        var closed = false
    }
    private let state = Mutex(State())
    private let pending = Atomic<Int>(0)

    init(personID: UUID, credential: CurrentUser.Credential, ws: WebSocket) {
        self.personID = personID
        self.credential = credential
        self.ws = ws
    }

    /// Called by the hub, one event at a time, in id order.
    func offer(_ event: LiveEvent) {
        let tooSlow = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            if !s.ready {
                guard s.buffer.count < Self.maxPending else { s.closed = true; return true }
                s.buffer.append(event)
                return false
            }
            return !deliver(event, in: &s)
        }
        if tooSlow { drop() }
    }

    /// Replayed events go out directly, before `ready`.
    func sendReplayed(_ events: [LiveEvent]) {
        state.withLock { s in
            for event in events where event.id > s.lastSent && event.concerns(credential) {
                s.lastSent = event.id
                write(event.frame(for: personID))
            }
        }
    }

    /// Marks the end of the replay: `ready`, then what arrived meanwhile (after `lastEventID`).
    func becomeReady(channels: Set<UUID>, lastEventID: Int) {
        let tooSlow = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.channels = channels
            s.lastSent = max(s.lastSent, lastEventID)
            write(ByteBuffer(string: "{\"type\":\"ready\",\"last_event_id\":\(s.lastSent)}"))
            s.ready = true
            let waiting = s.buffer
            s.buffer = []
            for event in waiting where !deliver(event, in: &s) { return true }
            return false
        }
        if tooSlow { drop() }
    }

    /// Sends a frame that is not an event (errors, pongs).
    func sendControl(_ text: String) {
        state.withLock { s in if !s.closed { write(ByteBuffer(string: text)) } }
    }

    /// Applies membership changes, then sends the event if the person may see it. False: too slow.
    private func deliver(_ event: LiveEvent, in s: inout State) -> Bool {
        let change = event.membershipChange(of: personID)
        if change == true, let channel = event.channelID { s.channels.insert(channel) }
        let visible = event.isVisible(to: personID, channels: s.channels) && event.concerns(credential)
        if change == false, let channel = event.channelID { s.channels.remove(channel) }
        guard visible, event.id > s.lastSent else { return true }
        guard pending.load(ordering: .relaxed) < Self.maxPending else { s.closed = true; return false }
        s.lastSent = event.id
        write(event.frame(for: personID))
        if event.type == LiveEvent.accessRevoked {
            s.closed = true
            _ = ws.close(code: .policyViolation)
        }
        return true
    }

    /// Writes in call order (callers hold the lock); the count of unsent frames bounds memory.
    private func write(_ frame: ByteBuffer) {
        pending.add(1, ordering: .relaxed)
        let promise = ws.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { _ in self.pending.subtract(1, ordering: .relaxed) }
        ws.send(frame, opcode: .text, promise: promise)
    }

    /// Ends a connection whose session or token has ended without an event saying so (found by the
    /// hub's periodic check: a session past its idle or absolute limit, access ended by another process).
    func revoke() {
        state.withLock { s in
            guard !s.closed else { return }
            s.closed = true
            write(ByteBuffer(string: "{\"type\":\"\(LiveEvent.accessRevoked)\",\"data\":{}}"))
            _ = ws.close(code: .policyViolation)
        }
    }

    private func drop() {
        _ = ws.close(code: .policyViolation)
    }
}

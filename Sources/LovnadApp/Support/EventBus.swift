import Synchronization
import Vapor

/// Something that happened, published by an action after its transaction commits.
struct DomainEvent: Sendable, Codable, Equatable {
    let type: String
    let data: [String: String]
    let at: Date
}

/// Where actions publish. Subscribers get every event published after they subscribed.
protocol EventBus: Sendable {
    func publish(_ event: DomainEvent) async
    func subscribe() -> AsyncStream<DomainEvent>
}

/// Delivers events to subscribers in this process.
final class InProcessEventBus: EventBus {
    private let continuations = Mutex<[UUID: AsyncStream<DomainEvent>.Continuation]>([:])

    func publish(_ event: DomainEvent) async {
        let targets = continuations.withLock { Array($0.values) }
        for continuation in targets { continuation.yield(event) }
    }

    func subscribe() -> AsyncStream<DomainEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.continuations.withLock { $0.removeValue(forKey: id) }
        }
        continuations.withLock { $0[id] = continuation }
        return stream
    }
}

extension Application {
    private struct EventBusKey: StorageKey { typealias Value = any EventBus }
    var events: any EventBus {
        get {
            if let bus = storage[EventBusKey.self] { return bus }
            let bus = InProcessEventBus()
            storage[EventBusKey.self] = bus
            return bus
        }
        set { storage[EventBusKey.self] = newValue }
    }
}

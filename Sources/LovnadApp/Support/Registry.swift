import Synchronization
import Vapor

/// A list of things features plug in at start (notification channels, feed sources), read on use.
final class Registry<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    var all: [Item] { items.withLock { $0 } }
    func add(_ item: Item) { items.withLock { $0.append(item) } }
}

extension Application {
    /// The registry stored under `key`, made on first use.
    func registry<Key: StorageKey, Item: Sendable>(_ key: Key.Type) -> Registry<Item> where Key.Value == Registry<Item> {
        if let existing = storage[key] { return existing }
        let made = Registry<Item>()
        storage[key] = made
        return made
    }
}

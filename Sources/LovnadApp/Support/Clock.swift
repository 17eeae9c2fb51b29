import Synchronization
import Vapor

/// The time source; tests move it.
final class AppClock: Sendable {
    private struct State { var offset: TimeInterval = 0; var fixed: Date? }
    private let state = Mutex(State())

    func now() -> Date {
        state.withLock { $0.fixed ?? Date().addingTimeInterval($0.offset) }
    }

    func set(_ date: Date) { state.withLock { $0.fixed = date } }

    /// Back to real time (after the demo has written its history).
    func reset() { state.withLock { $0 = State() } }

    func advance(by seconds: TimeInterval) {
        state.withLock {
            if let f = $0.fixed { $0.fixed = f.addingTimeInterval(seconds) } else { $0.offset += seconds }
        }
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    var clock: AppClock {
        if let c = storage[ClockKey.self] { return c }
        let c = AppClock()
        storage[ClockKey.self] = c
        return c
    }

    private struct SettingsKey: StorageKey { typealias Value = Settings }
    var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
    var settings: Settings { application.settings }
}

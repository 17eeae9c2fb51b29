import LovnadCore
import Synchronization
import Vapor

/// What every page needs to render: language, the signed-in user, the CSRF token, where we are.
struct PageContext {
    let t: Localizer
    let user: CurrentUser?
    let csrfToken: String
    let path: String
    let timeZone: TimeZone
    /// The moment the page is made, from the app's clock.
    let now: Date
    /// Unread notifications, for the header (set on GET pages by `UnreadNotificationsMiddleware`).
    let unread: Int

    var locale: AppLocale { t.locale }

    init(_ req: Request) {
        let user = req.currentUser
        self.user = user
        self.t = Localizer(req.locale)
        self.csrfToken = req.csrfToken
        self.path = req.url.path
        self.timeZone = user?.person.timeZone.flatMap(TimeZone.init(identifier:)) ?? req.settings.timeZone
        self.unread = req.storage[UnreadNotificationsMiddleware.Key.self] ?? 0
        self.now = req.now
    }

    func date(_ date: Date) -> String {
        dates.formatter(locale: locale, timeZone: timeZone).string(from: date)
    }

    /// Markup that is the same wherever it appears on this page, rendered once: a page of fifty messages
    /// carries fifty identical reaction pickers.
    func once(_ key: String, _ render: () -> String) -> String { rendered.value(key, render) }

    private let rendered = Rendered()

    private final class Rendered: Sendable {
        private let parts = Mutex<[String: String]>([:])

        /// Rendered outside the lock, so a part may itself use `once`.
        func value(_ key: String, _ render: () -> String) -> String {
            if let part = parts.withLock({ $0[key] }) { return part }
            let part = render()
            parts.withLock { $0[key] = part }
            return part
        }
    }

    /// One formatter per page, made on first use: making one costs more than formatting fifty dates,
    /// and a page of messages made one per message.
    private let dates = DateFormatting()

    private final class DateFormatting: @unchecked Sendable {
        private var made: DateFormatter?

        func formatter(locale: AppLocale, timeZone: TimeZone) -> DateFormatter {
            if let made { return made }
            let f = DateFormatter()
            f.locale = Locale(identifier: locale == .nb ? "nb_NO" : "en_GB")
            f.timeZone = timeZone
            f.dateStyle = .medium
            f.timeStyle = .short
            made = f
            return f
        }
    }
}

extension Request {
    /// The user's own choice, then Accept-Language, then the default.
    var locale: AppLocale {
        if let chosen = currentUser?.person.chosenLocale { return chosen }
        return AppLocale.fromAcceptLanguage(headers.first(name: .acceptLanguage)) ?? settings.defaultLocale
    }
}

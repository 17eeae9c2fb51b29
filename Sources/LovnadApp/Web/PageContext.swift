import Vapor
import LovnadCore

/// What every page needs to render: language, the signed-in user, the CSRF token, where we are.
struct PageContext {
    let t: Localizer
    let user: CurrentUser?
    let csrfToken: String
    let path: String
    let timeZone: TimeZone
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
    }

    func date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: locale == .nb ? "nb_NO" : "en_GB")
        f.timeZone = timeZone
        f.dateStyle = .medium
        f.timeStyle = .short
        return f.string(from: date)
    }
}

extension Request {
    /// The user's own choice, then Accept-Language, then the default.
    var locale: AppLocale {
        if let chosen = currentUser?.person.chosenLocale { return chosen }
        return AppLocale.fromAcceptLanguage(headers.first(name: .acceptLanguage)) ?? settings.defaultLocale
    }
}

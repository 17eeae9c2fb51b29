import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: CalendarFeedRoute())

    // Browser pages: session cookie and CSRF on every form.
    let web = app.grouped(ControlCharacterGuard(), SessionAuthenticator(), CSRFMiddleware())
    try web.register(collection: LoginController())
    let pages = web.grouped(RedirectToLogin(), UnreadNotificationsMiddleware())
    try pages.register(collection: HomePages())
    try pages.register(collection: PeoplePages())
    try pages.register(collection: ExpertPages())
    try pages.register(collection: SkillPages())
    try pages.register(collection: TokenPages())
    try pages.register(collection: AdminPages())
    try pages.register(collection: EngagementPages())
    try pages.register(collection: PromisePages())
    try pages.register(collection: QuestionPages())
    try pages.register(collection: ConversationPages())
    try pages.register(collection: NotificationPages())
    try pages.register(collection: CustomerPages())
    try pages.register(collection: OnboardingTemplatePages())

    // The JSON API: a bearer token or the session cookie (then CSRF on writes).
    let apiRoot = app.grouped("api", "v1")
    apiRoot.get("openapi.json", use: OpenAPIDocument.serve)
    let api = apiRoot.grouped(ControlCharacterGuard(), BearerAuthenticator(), SessionAuthenticator(), CSRFMiddleware(), RequireUser())
    try api.register(collection: PeopleAPI())
    try api.register(collection: SkillsAPI())
    try api.register(collection: ExpertsAPI())
    try api.register(collection: SearchAPI())
    try api.register(collection: QuestionsAPI())
    try api.register(collection: TokensAPI())
    try api.register(collection: AdminAPI())
    try api.register(collection: CustomersAPI())
    try api.register(collection: EngagementsAPI())
    try api.register(collection: PromisesAPI())
    try api.register(collection: NotificationsAPI())
    try api.register(collection: OnboardingTemplateAPI())
    try api.register(collection: ConversationsAPI())
    try api.register(collection: LiveRoute(hub: app.live))
}

import Vapor

extension Request {
    /// Post/redirect/get for a page's form: runs the action and answers 303 See Other to the page it names,
    /// so a reload never posts twice. A refusal with one of `refusing`'s statuses is handed to `refused`,
    /// which shows the form again with the reason; any other error (and every refusal, without `refused`)
    /// becomes the friendly error page.
    func postRedirectGet(refusing statuses: Set<HTTPResponseStatus> = [.conflict, .unprocessableEntity, .forbidden],
                         _ action: () async throws -> String,
                         refused: ((AppError) async throws -> Response)? = nil) async throws -> Response {
        do {
            return seeOther(try await action())
        } catch let error as AppError where statuses.contains(error.status) {
            guard let refused else { throw error }
            return try await refused(error)
        }
    }

    /// 303 See Other to a site path.
    func seeOther(_ location: String) -> Response { redirect(to: location, redirectType: .normal) }

    func seeOther(_ url: SiteURL) -> Response { seeOther(url.path) }
}

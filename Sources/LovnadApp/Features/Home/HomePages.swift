import Fluent
import LovnadCore
import Vapor

struct HomePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let skills = try await PeopleQueries.skills(of: user.id, viewerID: user.id, on: req.db)
        let departments = try await PeopleQueries.departments(on: req.db)
        let shown = try await HomeFeed.candidates(for: user, app: req.application).prefix(FeedViews.shownOnPage)
        let feed = try await HomeFeed.items(Array(shown), for: user, app: req.application)
        return HomeView.render(ctx, feed: feed, mySkills: skills, departments: departments)
    }
}

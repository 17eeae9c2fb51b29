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
        let departments = try await PeopleQueries.headcounts(on: req.db)
        let page = ListPage(limit: FeedViews.shownOnPage, cursor: req.query[String.self, at: "cursor"]) ?? ListPage(limit: FeedViews.shownOnPage)
        let (feed, next) = try await HomeFeed.page(for: user, page, app: req.application)
        let week = try await HomeQueries.myWeek(for: user, today: PromiseActions.today(req.application), now: req.now, on: req.db)
        return HomeView.render(ctx, week: week, feed: feed, nextFeedPage: next, mySkills: skills, departments: departments)
    }
}

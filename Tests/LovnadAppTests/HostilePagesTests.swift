import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Every free-text field holds hostile text, and every page each role reaches is read as a browser
/// reads it: nothing may appear that the templates did not write.
@Suite struct HostilePagesTests {
    @Test func hostileTextStaysTextOnEveryPageEveryRoleReaches() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let admin = try await UserActions.create(.init(email: "admin@example.no", name: Hostile.long, roles: [.admin, .leader, .consultant],
                                                           department: Hostile.short, title: Hostile.long, password: Fixture.password),
                                                     actorID: nil, app: app).person
            try await seed(w, admin: admin)

            var findings: [PageSweep.Finding] = []
            var visited = 0
            let probes = ["/people?q=" + Browser.encode(Hostile.long), "/experts?skill=" + Browser.encode(Hostile.long),
                          "/promises?state=" + Browser.encode(Hostile.short), "/engagements?status=" + Browser.encode(Hostile.short)]
            for person in [admin, w.sales, w.dev, w.devLeader, w.outsider] {
                let browser = Browser(app)
                let signedIn = try await browser.signIn(person.email)
                #expect(signedIn.status == .seeOther, "\(person.email) signs in")
                let outcome = try await PageSweep(app: app).run(as: browser, probes: probes)
                visited += outcome.visited.count
                findings += outcome.findings
            }
            // Without signing in: the sign-in form reflects `next`.
            let anonymous = Browser(app)
            for next in [Hostile.long, "/\"><x-evil data-evil=1>", "javascript:alert(1)"] {
                let page = try await anonymous.get("/login?next=" + Browser.encode(next))
                findings += PageSweep.injections(in: HTMLTokenizer.tags(in: page.body.string)).map { .init(page: "/login?next=…", what: $0) }
            }
            #expect(findings.isEmpty, "\(findings.prefix(20))")
            // The sweep did reach the pages the hostile text lands on.
            #expect(visited > 150, "visited only \(visited) pages")
        }
    }

    @Test func theSweepSeesAnInjection() {
        let page = #"<p title="a"><x-evil data-evil="1"></p><a href=" JaVa&#x53;cript:alert(1)">x</a><script>x-evil</script><meta http-equiv=refresh content=0>"#
        let found = PageSweep.injections(in: HTMLTokenizer.tags(in: page))
        #expect(found.count == 5, "\(found)")
        let escaped = "<p title=\"\(HTMLEscape.escape(Hostile.long))\">\(HTMLEscape.escape(Hostile.markdown))</p>"
        #expect(PageSweep.injections(in: HTMLTokenizer.tags(in: escaped)).isEmpty)
    }

    /// Hostile text in every field people set, through the API as they would set it.
    private func seed(_ w: EngagementWorld, admin: Person) async throws {
        let app = w.app
        func ok(_ response: TestingHTTPResponse, _ what: String) throws {
            guard (200..<300).contains(response.status.code) else { throw TestFailure("\(what): \(response.status) \(response.text)") }
        }
        let adminToken = try await Fixture.token(app, for: admin)
        try ok(try await w.send(.POST, "/api/v1/skills", adminToken, ["name": Hostile.short, "category": Hostile.short, "synonyms": [Hostile.short + "2"]]), "skill")
        try ok(try await w.send(.PATCH, "/api/v1/me", w.devToken, ["name": Hostile.long, "title": Hostile.long, "bio": Hostile.markdown]), "profile")
        try ok(try await w.send(.PUT, "/api/v1/me/skills", w.devToken, [["skill": Hostile.short, "level": 4, "wants_to_grow": true],
                                                                               ["skill": "Kotlin", "level": 5, "wants_to_grow": false]]), "my skills")
        try ok(try await w.send(.POST, "/api/v1/me/tokens", w.devToken, ["name": Hostile.short]), "token")
        try ok(try await w.send(.PUT, "/api/v1/admin/onboarding-template", adminToken, ["items": [Hostile.long, "Tilgang"]]), "template")

        let customer = try await w.send(.POST, "/api/v1/customers", w.salesToken, [
            "name": Hostile.long, "notes": Hostile.markdown,
            "contacts": [["name": Hostile.long, "role": Hostile.short, "email": "kontakt@example.no", "phone": "+47 22 00 00 00"]]])
        try ok(customer, "customer")
        let customerID = try #require(try customer.json()["id"] as? String)
        let created = try await w.send(.POST, "/api/v1/engagements", w.salesToken, ["title": Hostile.long, "customer_id": customerID])
        try ok(created, "engagement")
        let engagement = try #require(try created.json()["id"] as? String)
        let base = "/api/v1/engagements/\(engagement)"
        try ok(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won", "reason": Hostile.long]), "won")
        try ok(try await w.send(.PUT, "\(base)/handover", w.salesToken, hostilePackage(w.package())), "handover")
        try ok(try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]), "delivery lead")
        try ok(try await w.send(.POST, "\(base)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]), "staffing")
        for kind in ["note", "decision", "risk"] {
            try ok(try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": kind, "body": Hostile.markdown, "tags": [Hostile.short]]), "log \(kind)")
        }
        try ok(try await w.send(.POST, "\(base)/handover/review", w.salesToken,
                                ["held_on": "2026-11-30", "participants": Hostile.long, "notes": Hostile.markdown, "sign_off": false]), "review")

        let promise = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                       ["text": Hostile.long, "due": "2027-03-01", "to": ["type": "customer", "id": customerID], "engagement_id": engagement])
        try ok(promise, "promise")
        let colleague = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                         ["text": Hostile.long, "due": "2027-03-02", "to": ["type": "person", "id": w.dev.id!.uuidString]])
        try ok(colleague, "promise to a colleague")
        let promiseID = try #require(try promise.json()["id"] as? String)
        try ok(try await w.send(.POST, "/api/v1/promises/\(promiseID)/transitions", w.devToken,
                                ["to": "renegotiated", "note": Hostile.long, "new_due": "2027-04-01", "new_text": Hostile.long]), "renegotiated")

        let channel = try await w.newChannel(w.devToken, ["name": Hostile.short, "kind": "topic", "description": Hostile.long])
        let root = try await w.postMessage(w.devToken, channel: channel, Hostile.markdown + " @lars.leveranse")
        try ok(try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.devLeaderToken, [String: Any]()), "join")
        _ = try await w.postMessage(w.devLeaderToken, channel: channel, Hostile.markdown, thread: root["id"] as? String)
        _ = try await w.newChannel(w.devToken, ["name": "", "kind": "direct", "members": [w.devLeader.id!.uuidString]])
    }

    /// The package with hostile text in every free-text field.
    private func hostilePackage(_ package: [String: Any]) -> [String: Any] {
        let free: Set<String> = ["scope", "out_of_scope", "text", "not_a_promise_reason", "phase", "assumptions", "title", "role",
                                 "description", "mitigation", "name"]
        func walk(_ value: Any, key: String?) -> Any {
            switch value {
            case let object as [String: Any]:
                return Dictionary(uniqueKeysWithValues: object.map { ($0.key, walk($0.value, key: $0.key)) })
            case let list as [Any]:
                return list.map { walk($0, key: key) }
            case is String where key.map(free.contains) == true:
                return key == "role" || key == "name" ? Hostile.short : Hostile.long
            default:
                return value
            }
        }
        return walk(package, key: nil) as! [String: Any]
    }
}

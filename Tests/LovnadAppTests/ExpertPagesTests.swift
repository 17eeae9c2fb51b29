import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct ExpertPagesTests {
    @Test func aSlipStillFindsTheSkillAndEachExpertCanBeMessagedAtOnce() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            let page = try await lead.get("/experts?skill=kubernets")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ingen ferdighet heter «kubernets». Viser Kubernetes."))
            #expect(page.text.contains(">Åse Utvikler</a>"))
            #expect(page.text.contains("Ledig nå"))
            #expect(page.text.contains("name=\"members[]\" value=\"\(w.dev.id!.uuidString)\""))
            // Far from every skill: said so, with nothing shown.
            let nothing = try await lead.get("/experts?skill=xyzzyq")
            #expect(nothing.text.contains("Fant ingen ferdighet eller synonym som heter «xyzzyq»."))
            #expect(!nothing.text.contains("Åse Utvikler"))

            // Her allocation today is shown once she is on an engagement.
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            var package = w.package(profileAllocation: 60)
            var profiles = package["profiles"] as! [[String: Any]]
            profiles[0]["start"] = NSNull(); profiles[0]["end"] = NSNull()
            package["profiles"] = profiles
            package["timeline"] = ["start": NSNull(), "end": NSNull(), "milestones": []]
            package["estimates"] = []
            _ = try await w.send(.PUT, "/api/v1/engagements/\(id)/handover", w.salesToken, package)
            let staffed = try await w.send(.POST, "/api/v1/engagements/\(id)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString])
            #expect(staffed.status.code < 300, "\(staffed.text)")
            #expect(try await lead.get("/experts?skill=Kotlin").text.contains("60 % opptatt nå"))

            // "Send a message" twice opens one conversation, not two.
            let first = try await lead.post("/channels/direct", pairs: [("members[]", w.dev.id!.uuidString)])
            try await lead.get("/experts?skill=Kotlin")
            let second = try await lead.post("/channels/direct", pairs: [("members[]", w.dev.id!.uuidString)])
            #expect(first.status == .seeOther)
            #expect(first.headers.first(name: .location) == second.headers.first(name: .location))
            #expect(try await LovnadApp.Channel.query(on: app.db).filter(\.$kindText == "direct").count() == 1)

            // Two at once, to someone new: still one conversation (the check is inside the write).
            let a = Browser(app), b = Browser(app)
            for browser in [a, b] { try await browser.signIn(w.lead.email); try await browser.get("/experts?skill=Kotlin") }
            let other = w.devLeader.id!.uuidString
            let requests = [a, b].map { browser -> (HTTPHeaders, String) in
                var headers = browser.cookieHeader
                headers.contentType = .urlEncodedForm
                return (headers, "members%5B%5D=\(other)&csrf_token=\(Browser.encode(browser.csrfToken ?? ""))")
            }
            let locations = try await withThrowingTaskGroup(of: String?.self) { group in
                for (headers, body) in requests {
                    group.addTask {
                        let r = try await app.testing().sendRequest(.POST, "/channels/direct", headers: headers, body: ByteBuffer(string: body))
                        return r.status == .seeOther ? r.headers.first(name: .location) : nil
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(locations.count == 2 && locations[0] != nil && locations[0] == locations[1])
            #expect(try await LovnadApp.Channel.query(on: app.db).filter(\.$kindText == "direct").count() == 2)
        }
    }
}

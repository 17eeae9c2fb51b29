import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct EngagementPagesTests {
    @Test func whoSteersPicksTheDeliveryLeadAndStaffsAnyoneFromOnePicker() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.inHandover()
            let base = "/api/v1/engagements/\(id)"
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let page = try await sales.get("/engagements/\(id)")
            // One picker kind: a plain select of everyone active, marked for the script's filter.
            let overview = pageSection("overview", of: page.text)
            #expect(overview.contains("<select id=\"delivery_lead_id\" name=\"delivery_lead_id\" data-picker required>"))
            #expect(overview.contains(">Otto Utenfor</option>"))
            #expect(pageSection("team", of: page.text).contains("<select id=\"staff-person\" name=\"person_id\" data-picker required>"))

            // Setting the lead returns to the overview and says so there.
            let set = try await sales.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": w.lead.id!.uuidString])
            #expect(set.status == .seeOther)
            #expect(set.headers.first(name: .location) == "/engagements/\(id)?done=delivery_lead#overview")
            let after = try await sales.get("/engagements/\(id)?done=delivery_lead")
            #expect(pageSection("overview", of: after.text).contains("Leveranselederen er satt."))
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.$deliveryLead.id == w.lead.id)
            // Someone unknown is refused in the overview; nothing changes.
            let refused = try await sales.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": UUID().uuidString])
            #expect(refused.status == .unprocessableEntity)
            #expect(pageSection("overview", of: refused.text).contains("class=\"flash error\""))
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.$deliveryLead.id == w.lead.id)

            // Anyone can be staffed on any profile from the same kind of picker, not only the suggested three.
            try await sales.get("/engagements/\(id)")
            let staffed = try await sales.post("/engagements/\(id)/staff", form: ["profile_id": "p1", "person_id": w.outsider.id!.uuidString])
            #expect(staffed.headers.first(name: .location) == "/engagements/\(id)?done=staffed#team")
            #expect(try await EngagementMember.query(on: app.db).filter(\.$person.$id == w.outsider.id!).count() == 1)

            // Those who do not steer it get no picker and cannot post one; someone else's engagement is not found.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            _ = try await w.send(.POST, "\(base)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString])
            let seen = try await dev.get("/engagements/\(id)")
            #expect(seen.status == .ok && !seen.text.contains("<select id=\"delivery_lead_id\"") && !seen.text.contains("<select id=\"staff-person\""))
            #expect(try await dev.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": w.dev.id!.uuidString]).status == .forbidden)
            let otto = Browser(app)
            try await otto.signIn(w.devLeader.email)
            try await otto.get("/")
            let hidden = try await w.newEngagement(title: "Hemmelig")
            #expect(try await otto.post("/engagements/\(hidden)/delivery-lead", form: ["delivery_lead_id": w.dev.id!.uuidString]).status == .notFound)
        }
    }

    @Test func theTeamWorksTheEngagementThroughItsPage() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.inHandover()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])

            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let list = try await sales.get("/engagements")
            #expect(list.text.contains("Ny søknadsløsning"))
            #expect(list.text.contains("(mitt)"))
            let page = try await sales.get("/engagements/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Klar for leveranse?"))
            #expect(page.text.contains("Selvbetjening for byggesøknader"))
            #expect(page.text.contains("Alle profiler er bemannet"))

            // Moving to handover works; delivery is refused with the missing items named in Norwegian.
            #expect(try await sales.post("/engagements/\(id)/transition", form: ["to": "handover"]).status == .seeOther)
            try await sales.get("/engagements/\(id)")
            let refused = try await sales.post("/engagements/\(id)/transition", form: ["to": "delivery"])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Alle profiler er bemannet"))
            #expect(refused.text.contains("ikke signert av leveranseansvarlig"))

            // The delivery lead staffs the profile, signs off and starts delivery, all through forms.
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            let leadPage = try await lead.get("/engagements/\(id)")
            #expect(leadPage.text.contains("Åse Utvikler"))
            #expect(try await lead.post("/engagements/\(id)/staff", form: ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .seeOther)
            try await lead.get("/engagements/\(id)")
            #expect(try await lead.post("/engagements/\(id)/review", form: ["held_on": "2026-12-01", "participants": "Siri, Lars", "sign_off": "on"]).status == .seeOther)
            try await lead.get("/engagements/\(id)")
            #expect(try await lead.post("/engagements/\(id)/transition", form: ["to": "delivery"]).status == .seeOther)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.status == "delivery")

            // The developer ticks her onboarding and writes in the log; the page shows both.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let devPage = try await dev.get("/engagements/\(id)")
            #expect(devPage.text.contains("Oppstart hos kunden"))
            let item = try #require(try await OnboardingItem.query(on: app.db).filter(\.$person.$id == w.dev.id!).sort(\.$position).first())
            #expect(try await dev.post("/engagements/\(id)/onboarding/\(item.id!)", form: ["done": "1"]).status == .seeOther)
            try await dev.get("/engagements/\(id)")
            #expect(try await dev.post("/engagements/\(id)/log", form: ["kind": "decision", "body": "Vi bruker **Kotlin**. <script>x()</script>", "tags": "arkitektur"]).status == .seeOther)
            try await dev.get("/engagements/\(id)")
            let bad = try await dev.post("/engagements/\(id)/log", form: ["kind": "system", "body": "Jeg er systemet"])
            #expect(bad.status == .unprocessableEntity)
            let final = try await dev.get("/engagements/\(id)?tag=arkitektur")
            #expect(final.text.contains("Vi bruker <strong>Kotlin</strong>. &lt;script&gt;"))
            #expect(!final.text.contains("<script>x()"))
            #expect(final.text.contains("1/5"))
            #expect(try await OnboardingItem.find(item.id, on: app.db)?.doneAt != nil)

            // An outsider sees neither the page nor the engagement in the list.
            let outsider = Browser(app)
            try await outsider.signIn(w.outsider.email)
            #expect(try await outsider.get("/engagements/\(id)").status == .notFound)
            #expect(!(try await outsider.get("/engagements").text.contains("Ny søknadsløsning")))
            try await outsider.get("/")
            #expect(try await outsider.post("/engagements/\(id)/log", form: ["kind": "note", "body": "Hei"]).status == .notFound)
        }
    }
}

@Suite struct EngagementSectionTests {
    @Test func anActionReturnsToItsPartAndSaysWhatHappenedThere() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            var package = w.package()
            var profiles = package["profiles"] as! [[String: Any]]
            profiles.append(["id": "p2", "role": "Utvikler to", "requirements": [["skill": "Kotlin", "minimum_level": 3]], "allocation_percent": 20,
                             "start": "2027-01-04", "end": "2027-06-25", "staffed_person_id": NSNull()])
            package["profiles"] = profiles
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            _ = try await w.send(.PUT, "\(base)/handover", w.salesToken, package)
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])

            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            let before = try await lead.get("/engagements/\(id)")
            // Every part is named in the page's own navigation, and each form posts to its part's anchor.
            for part in ["overview", "handover", "team", "log", "promises"] { #expect(before.text.contains("href=\"#\(part)\"")) }
            #expect(before.text.contains("/staff#team\""))
            #expect(before.text.contains("/log#log\""))
            #expect(before.text.contains("/transition#overview\""))
            let offered = pageSection("team", of: before.text)
            // Suggested for both profiles, and in the picker of everyone.
            #expect(offered.components(separatedBy: "name=\"person_id\" value=\"\(w.dev.id!.uuidString)\"").count - 1 == 2)
            #expect(offered.contains("<option value=\"\(w.dev.id!.uuidString)\">Åse Utvikler</option>"))

            let staffed = try await lead.post("/engagements/\(id)/staff", form: ["profile_id": "p1", "person_id": w.dev.id!.uuidString])
            #expect(staffed.status == .seeOther)
            #expect(staffed.headers.first(name: .location) == "/engagements/\(id)?done=staffed#team")
            let after = try await lead.get("/engagements/\(id)?done=staffed")
            let team = pageSection("team", of: after.text)
            #expect(team.contains("Bemanningen er lagret"))
            #expect(!pageSection("overview", of: after.text).contains("class=\"flash"))
            // She fills one profile now, so neither profile offers her again.
            #expect(team.contains("Bemannet av Åse Utvikler"))
            #expect(!team.contains("value=\"\(w.dev.id!.uuidString)\""))

            // A refused log entry comes back in the log part with the reason.
            let refused = try await lead.post("/engagements/\(id)/log", form: ["kind": "system", "body": "Jeg er systemet"])
            #expect(refused.status == .unprocessableEntity)
            #expect(pageSection("log", of: refused.text).contains("class=\"flash error\""))
            // It names the field by its label, not by its name in the request.
            #expect(pageSection("log", of: refused.text).contains("Type: "))
            #expect(!refused.text.contains("kind: "))
            #expect(!pageSection("team", of: refused.text).contains("class=\"flash"))
        }
    }
}

@Suite struct TransitionFormTests {
    @Test func theReasonTypedOnThePageReachesTheTransition() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let page = try await sales.get("/engagements/\(id)")
            // The field is named as the form decodes it (it was named after its id, so no reason ever arrived).
            #expect(page.text.contains("id=\"reason-lost\" name=\"reason\""))
            let lost = try await sales.post("/engagements/\(id)/transition", form: ["to": "lost", "reason": "Kunden valgte en annen leverandør"])
            #expect(lost.status == .seeOther)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.status == "lost")
        }
    }
}

@Suite struct HandoverEditorTests {
    @Test func salesFillsTheHandoverWithThePlainForm() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let editor = try await sales.get("/engagements/\(id)/handover/edit")
            #expect(editor.status == .ok)
            #expect(editor.text.contains("name=\"exp_rows\" value=\"2\""))
            var form = [
                "offer_scope": "Selvbetjening for byggesøknader", "offer_price_model": "capped", "offer_value": "2400000",
                "needs": "Færre manuelle steg\nKortere saksbehandlingstid",
                "exp_rows": "2", "exp_text_0": "Pilot før sommeren", "exp_reason_0": "Avhenger av kundens drift",
                "est_rows": "2", "est_phase_0": "Innsikt", "est_hours_0": "300", "est_confidence_0": "high", "est_start_0": "2027-01-04",
                "tl_start": "2027-01-04", "tl_end": "2027-06-25",
                "ms_rows": "2", "ms_title_0": "Pilot", "ms_date_0": "2027-05-03",
                "pr_rows": "2", "pr_role_0": "Utvikler", "pr_skills_0": "Kotlin:4, Kubernetes:3", "pr_alloc_0": "80",
                "rk_rows": "2", "rk_desc_0": "Nøkkelperson i permisjon", "rk_prob_0": "medium", "rk_impact_0": "high",
                "ct_rows": "2", "ct_name_0": "Hilde Vik", "ct_role_0": "Produkteier",
                "hs_rows": "2", "hs_text_0": "Brukerne skal slippe å ringe", "hs_kind_0": "cares_about",
            ]
            form["tl_end"] = "2026-06-25"
            let refused = try await sales.post("/engagements/\(id)/handover", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("slutten kan ikke være før starten"))
            #expect(refused.text.contains("Pilot før sommeren"))
            #expect(try await HandoverRevision.query(on: app.db).count() == 0)

            form["tl_end"] = "2027-06-25"
            #expect(try await sales.post("/engagements/\(id)/handover", form: form).status == .seeOther)
            let state = try await HandoverQueries.state(of: UUID(uuidString: id)!, on: app.db)
            #expect(state.revision == 1)
            #expect(state.package.needs.map(\.text) == ["Færre manuelle steg", "Kortere saksbehandlingstid"])
            #expect(state.package.profiles.first?.requirements == [.init(skill: "Kotlin", minimumLevel: 4), .init(skill: "Kubernetes", minimumLevel: 3)])
            #expect(state.package.estimates.first?.confidence == .high)
            #expect(Readiness.unmet(state.package) == ["profiles_staffed"])

            // Ids survive a round trip through the editor, so staffing is kept when the text changes.
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/staffing", w.salesToken, ["profile_id": state.package.profiles[0].id, "person_id": w.dev.id!.uuidString])
            let again = try await sales.get("/engagements/\(id)/handover/edit")
            #expect(again.text.contains("value=\"\(state.package.profiles[0].id)\""))
            var edited = form
            edited["pr_id_0"] = state.package.profiles[0].id
            edited["pr_role_0"] = "Seniorutvikler"
            #expect(try await sales.post("/engagements/\(id)/handover", form: edited).status == .seeOther)
            let after = try await HandoverQueries.state(of: UUID(uuidString: id)!, on: app.db)
            #expect(after.package.profiles[0].role == "Seniorutvikler")
            #expect(after.package.profiles[0].staffedPersonId == w.dev.id!.uuidString)

            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            #expect(try await dev.get("/engagements/\(id)/handover/edit").status == .forbidden)
        }
    }
}

@Suite struct HandoverEditorRefusalTests {
    /// The `<input>` tag of one field in a page.
    static func inputTag(_ name: String, in page: String) -> String {
        guard let r = page.range(of: "<input id=\"\(name)\"") else { return "" }
        return String(page[r.lowerBound...].prefix { $0 != ">" })
    }

    @Test func aRefusedSaveKeepsEverythingTypedAndNamesEveryProblemAtItsField() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            try await sales.get("/engagements/\(id)/handover/edit")
            let form = [
                "offer_scope": "Selvbetjening", "offer_value": "2400000",
                "est_rows": "2", "est_phase_0": "Innsikt", "est_hours_0": "mange",
                "tl_start": "2027-01-04", "tl_end": "2026-06-25",
                // Row 1 is left blank, so the profile with the bad skills is the first profile but row 3.
                "pr_rows": "3", "pr_role_0": "Utvikler", "pr_skills_0": "Kotlin:4", "pr_role_1": "", "pr_role_2": "Arkitekt", "pr_skills_2": "Kotlin-4",
                "hs_rows": "2", "hs_text_0": "Første møte", "hs_date_0": "2030-01-01", "hs_kind_0": "meeting",
            ]
            let refused = try await sales.post("/engagements/\(id)/handover", form: form)
            #expect(refused.status == .unprocessableEntity)
            let page = refused.text
            // All four at once, each named by its label, not by its path in the package.
            for label in ["Estimatgrunnlag, rad 1: Timer", "Tidslinje: Slutt", "Kompetanseprofiler, rad 3: Ferdigheter med minstenivå", "Selgerens historikk, rad 1: Dato"] {
                #expect(page.contains(label), "\(label)")
            }
            #expect(!page.contains("profiles[") && !page.contains("estimates[") && !page.contains("timeline.end"))
            #expect(page.contains("Datoen kan ikke være i fremtiden"))
            // What was wrong is still there, marked and tied to its message.
            for (name, value) in [("est_hours_0", "mange"), ("pr_skills_2", "Kotlin-4"), ("hs_date_0", "2030-01-01"), ("tl_end", "2026-06-25")] {
                let tag = Self.inputTag(name, in: page)
                #expect(tag.contains("value=\"\(value)\""), "\(name): \(tag)")
                #expect(tag.contains("aria-invalid=\"true\"") && tag.contains("aria-describedby=\"\(name)-error\""), "\(name): \(tag)")
                #expect(page.contains("<p id=\"\(name)-error\" class=\"field-error\">"), "\(name)")
            }
            #expect(Self.inputTag("pr_role_2", in: page).contains("value=\"Arkitekt\""))
            #expect(try await HandoverRevision.query(on: app.db).count() == 0)
        }
    }

    @Test func rowsAreAddedAndRemovedWithoutScriptAndWithoutLosingWhatWasTyped() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let editor = try await sales.get("/engagements/\(id)/handover/edit")
            #expect(editor.text.contains("formaction=\"/engagements/\(id)/handover/edit#edit-pr\""))
            let typed = ["offer_scope": "Selvbetjening", "pr_rows": "2", "pr_role_0": "Utvikler", "pr_role_1": "Arkitekt", "pr_skills_1": "Kotlin:4"]
            var form = typed
            form["add_row"] = "pr"
            let added = try await sales.post("/engagements/\(id)/handover/edit", form: form)
            #expect(added.status == .ok)
            #expect(added.text.contains("name=\"pr_rows\" value=\"3\""))
            #expect(added.text.contains("Selvbetjening") && Self.inputTag("pr_role_1", in: added.text).contains("value=\"Arkitekt\""))
            form = typed
            form["remove_row"] = "pr:0"
            let removed = try await sales.post("/engagements/\(id)/handover/edit", form: form)
            #expect(removed.text.contains("name=\"pr_rows\" value=\"1\""))
            #expect(Self.inputTag("pr_role_0", in: removed.text).contains("value=\"Arkitekt\""))
            #expect(Self.inputTag("pr_skills_0", in: removed.text).contains("value=\"Kotlin:4\""))
            #expect(!removed.text.contains("Utvikler"))
            #expect(try await HandoverRevision.query(on: app.db).count() == 0)
            // Someone else's engagement is not found, and only its sales owner reworks its editor.
            #expect(try await sales.post("/engagements/\(UUID())/handover/edit", form: form).status == .notFound)
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            try await dev.get("/")
            #expect(try await dev.post("/engagements/\(id)/handover/edit", form: form).status == .notFound)
        }
    }

    @Test func aHandoverMeetingCannotBeInTheFuture() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            let review = try await w.send(.POST, "/api/v1/engagements/\(id)/handover/review", w.salesToken,
                                          ["held_on": "2030-01-01", "participants": "Siri", "notes": "", "sign_off": false])
            #expect(review.status == .unprocessableEntity)
            #expect(review.errorFields["held_on"] != nil)
            #expect(try await HandoverReview.query(on: app.db).count() == 0)
        }
    }
}

@Suite struct CustomerPagesTests {
    @Test func salesAddsACustomerAndStartsAnEngagementFromThePages() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            try await sales.get("/customers")
            let wrong = try await sales.post("/customers", form: ["name": "Havbris ASA", "org_number": "123456789"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("er ikke et gyldig organisasjonsnummer"))
            #expect(wrong.text.contains("value=\"Havbris ASA\""))
            #expect(try await sales.post("/customers", form: ["name": "Havbris ASA", "org_number": "987 654 325", "contact_name": "Mari Lunde"]).status == .seeOther)
            let list = try await sales.get("/customers")
            #expect(list.text.contains("987 654 325"))
            #expect(list.text.contains("Mari Lunde"))

            let havbris = try #require(try await Customer.query(on: app.db).filter(\.$name == "Havbris ASA").first())
            try await sales.get("/engagements")
            #expect(try await sales.post("/engagements", form: ["title": " ", "customer_id": havbris.id!.uuidString]).status == .unprocessableEntity)
            let created = try await sales.post("/engagements", form: ["title": "Ny skadeportal", "customer_id": havbris.id!.uuidString])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await sales.get(location)
            #expect(page.text.contains("Ny skadeportal"))
            #expect(page.text.contains("Havbris ASA"))

            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let devList = try await dev.get("/customers")
            #expect(!devList.text.contains("Legg til kunde"))
            #expect(try await dev.post("/customers", form: ["name": "Snik AS"]).status == .forbidden)
            try await dev.get("/engagements")
            #expect(try await dev.post("/engagements", form: ["title": "Snik", "customer_id": havbris.id!.uuidString]).status == .forbidden)
        }
    }

    @Test func everyEngagementPageRouteIsNotFoundForOutsiders() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let outsider = Browser(app)
            try await outsider.signIn(w.outsider.email)
            #expect(try await outsider.get("/engagements/\(id)/handover/edit").status == .notFound)
            for path in ["transition", "review", "staff", "log", "handover", "onboarding/\(UUID())"] {
                try await outsider.get("/")
                let response = try await outsider.post("/engagements/\(id)/\(path)", form: ["to": "won", "kind": "note", "body": "x"])
                #expect(response.status == .notFound, "\(path)")
            }
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.status == "lead")
        }
    }
}

@Suite struct OnboardingTemplateTests {
    @Test func adminsEditTheTemplateAndNewStaffingsGetIt() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let adminToken = try await Fixture.token(app, for: admin)
            #expect(try await w.send(.GET, "/api/v1/admin/onboarding-template", adminToken).json()["items"] as? [String] != nil)
            #expect(try await w.send(.PUT, "/api/v1/admin/onboarding-template", w.salesToken, ["items": ["x"]]).status == .forbidden)
            #expect(try await w.send(.PUT, "/api/v1/admin/onboarding-template", adminToken, ["items": [" "]]).status == .unprocessableEntity)

            let browser = Browser(app)
            try await browser.signIn(admin.email)
            try await browser.get("/admin/onboarding")
            #expect(try await browser.post("/admin/onboarding", form: ["items": "PC og tilgang\nMøt produkteieren\n\nLunsj med teamet"]).status == .seeOther)
            #expect(try await OnboardingTemplateActions.current(on: app.db) == ["PC og tilgang", "Møt produkteieren", "Lunsj med teamet"])

            let id = try await w.inHandover()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString])
            let checklist = try await w.send(.GET, "/api/v1/engagements/\(id)/onboarding", w.devToken).items()
            #expect((checklist.first?["items"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == ["PC og tilgang", "Møt produkteieren", "Lunsj med teamet"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "onboarding.template_changed").count() == 1)
        }
    }
}

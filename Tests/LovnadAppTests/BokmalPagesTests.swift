import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Every page of the demo that its people reach, read in bokmål: no code, English UI word or ISO date.
@Suite struct BokmalPagesTests {
    @Test func everyDemoPageIsNorwegianAllTheWayThrough() async throws {
        try await withLovnad { app in
            _ = try await DemoCompany.seed(app: app) { _ in }
            var findings: [String: [String]] = [:]
            var visited = 0
            // The admin, a leader, sales, a consultant and a delivery lead with a handover to sign off.
            let readers = DemoCompany.signIns.filter { $0.role != "consultant" || $0.name == "Nora Berg" }.map { DemoCompany.email($0.name) }
            for email in readers + ["marte.lie@fjordkompetanse.no"] {
                let browser = Browser(app)
                #expect(try await browser.signIn(email, password: DemoCompany.password).status == .seeOther)
                var sweep = PageSweep(app: app)
                sweep.maxPages = 160
                let outcome = try await sweep.run(as: browser, check: PageLanguage.findings)
                visited += outcome.visited.count
                for f in outcome.findings {
                    let what = f.what.components(separatedBy: " in «")[0]
                    findings[what, default: []].append("\(f.page) \(f.what.dropFirst(what.count))")
                }
            }
            let report = findings.sorted { $0.value.count > $1.value.count }.map { "\($0.key) (\($0.value.count)×, e.g. \($0.value[0]))" }
            #expect(findings.isEmpty, "\(findings.count) kinds:\n\(report.prefix(80).joined(separator: "\n"))")
            #expect(visited > 400, "visited only \(visited) pages")
        }
    }

    @Test func theReaderFindsWhatDoesNotBelong() {
        let page = #"<p>1520000 kr</p><p>Status: won · 2026-12-01</p><p aria-label="Overview">x</p><div class="body"><p>won 2026-01-01</p></div><p>user.created</p>"#
        let found = PageLanguage.findings(in: HTMLTokenizer.tags(in: page))
        #expect(found.count == 5, "\(found)")
    }
}

import Fluent
import Vapor

/// Where to start in the demo: the delivery lead with a handover waiting for sign-off, and three journeys.
/// Read from the demo's own data, so that what `lovnad demo` prints stays true when the demo changes.
enum DemoGuide {
    struct Journey { let title: String; let steps: String }

    struct Guide {
        /// The delivery lead of an engagement in handover whose current revision nobody has signed off, and it.
        let signOff: (lead: Person, engagement: Engagement)?
        let journeys: [Journey]
    }

    static func guide(app: Application) async throws -> Guide {
        var signOff: (Person, Engagement)?
        for e in try await Engagement.query(on: app.db).filter(\.$status == "handover").with(\.$deliveryLead).sort(\.$title).all() {
            guard let lead = e.deliveryLead, !(try await HandoverQueries.state(of: e.id!, on: app.db).signedOffCurrent) else { continue }
            signOff = (lead, e)
            break
        }
        var journeys: [Journey] = []
        if let lead = signOff?.0, let e = signOff?.1 {
            journeys.append(.init(title: "Hand over to delivery",
                steps: "sign in as \(lead.name), open Oppdrag → «\(e.title)», staff the open profiles, record the handover meeting with your sign-off, then move it to Leveranse; the log records every step."))
        }
        let owners = try await Promise.query(on: app.db).filter(\.$state == "made").with(\.$owner).all()
        // Of the printed sign-ins, the one with the most promises still open.
        if let owner = DemoCompany.signIns.map(\.name).max(by: { a, b in owners.filter { $0.owner.name == a }.count < owners.filter { $0.owner.name == b }.count }),
           owners.contains(where: { $0.owner.name == owner }) {
            journeys.append(.init(title: "Keep a promise",
                steps: "sign in as \(owner), open Løfter, mark a promise you have kept, and see your say-do ratio under «Holdte løfter»."))
        }
        let topics = try await Channel.query(on: app.db).filter(\.$kindText == "topic").sort(\.$name).all()
        if let channel = topics.first(where: { $0.name == "Sky og plattform" }) ?? topics.first {
            journeys.append(.init(title: "Ask the people who know",
                steps: "sign in as Ola Kristiansen, find who knows Kubernetes under «Hvem kan?», then write in «\(channel.name)» under Kanaler — open it as Nora Berg in a private window to see the message arrive live."))
        }
        return Guide(signOff: signOff.map { (lead: $0.0, engagement: $0.1) }, journeys: journeys)
    }

    /// The lines `lovnad demo` prints after the sign-ins.
    static func lines(_ guide: Guide) -> [String] {
        var lines: [String] = []
        if let lead = guide.signOff?.lead, let e = guide.signOff?.engagement {
            lines.append("A handover waits for sign-off: \(lead.name) (\(lead.email)) leads delivery of «\(e.title)».")
        }
        if !guide.journeys.isEmpty { lines.append("Three journeys to try:") }
        for (i, j) in guide.journeys.enumerated() { lines.append("  \(i + 1). \(j.title): \(j.steps)") }
        return lines
    }
}

import Foundation
import Plot
import LovnadCore

/// A server-rendered SVG bar chart of the weekly say-do ratio: one bar per week, its height the share kept
/// on time, empty weeks as a faint tick; the full chart has a percent axis, month labels and a legend, the
/// compact one (a row in a table) bars alone. Each bar says its week in words. No script, no inline style
/// (the CSP forbids both).
enum SayDoChart {
    private static let width = 720.0, height = 150.0
    private static let left = 40.0, right = 4.0, top = 6.0, bottom = 20.0

    static func svg(_ weeks: [SayDo.Week], label: String, _ ctx: PageContext, compact: Bool = false) -> Node<HTML.BodyContext> {
        guard !weeks.isEmpty else { return .empty }
        let (w, h) = compact ? (240.0, 40.0) : (width, height)
        let (x0, y0) = compact ? (0.0, 0.0) : (left, top)
        let plotWidth = w - x0 - (compact ? 0 : right), plotHeight = h - y0 - (compact ? 0 : bottom)
        let slot = plotWidth / Double(weeks.count)
        let bar = max(1.0, slot * 0.7)
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var parts: [String] = []
        if !compact {
            // Percent axis: a line and a label at 0, 50 and 100 %.
            for share in [0.0, 0.5, 1.0] {
                let y = y0 + plotHeight * (1 - share)
                parts.append("<line class=\"grid\" x1=\"\(f(x0))\" y1=\"\(f(y))\" x2=\"\(f(w - right))\" y2=\"\(f(y))\"/>")
                parts.append("<text class=\"axis\" x=\"\(f(x0 - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Int(share * 100)) %</text>")
            }
        }
        var month = 0
        for (i, week) in weeks.enumerated() {
            let x = x0 + Double(i) * slot + (slot - bar) / 2
            let title = escape(week.tally.counted == 0
                ? ctx.t(.chartWeekEmpty, ["week": String(week.start.isoWeek), "day": ctx.t.day(week.start)])
                : ctx.t(.chartWeekTitle, ["week": String(week.start.isoWeek), "day": ctx.t.day(week.start),
                                          "kept": String(week.tally.keptOnTime), "counted": String(week.tally.counted)]))
            if let ratio = week.tally.ratio {
                let barHeight = max(2.0, ratio * (plotHeight - 2))
                let kind = ratio >= 0.9 ? "good" : ratio >= 0.7 ? "fair" : "poor"
                parts.append("<rect class=\"bar \(kind)\" x=\"\(f(x))\" y=\"\(f(y0 + plotHeight - barHeight))\" width=\"\(f(bar))\" height=\"\(f(barHeight))\"><title>\(title)</title></rect>")
            } else {
                parts.append("<rect class=\"bar empty\" x=\"\(f(x))\" y=\"\(f(y0 + plotHeight - 2))\" width=\"\(f(bar))\" height=\"2\"><title>\(title)</title></rect>")
            }
            // A month's short name under the first week that starts in it.
            if !compact, week.start.month != month {
                month = week.start.month
                let name = String(ctx.t.day(week.start, withYear: false).split(separator: " ").last?.prefix(3) ?? "")
                parts.append("<text class=\"axis\" x=\"\(f(x))\" y=\"\(f(h - 5))\">\(escape(name))</text>")
            }
        }
        let svg = "<svg class=\"saydo-chart\(compact ? " compact" : "")\" viewBox=\"0 0 \(f(w)) \(f(h))\" role=\"img\" aria-label=\"\(escape(label))\">"
            + parts.joined() + "</svg>"
        return .group(.raw(svg), .if(!compact, legend(ctx)))
    }

    private static func legend(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .ul(.class("chart-legend"), .attribute(named: "aria-label", value: ctx.t(.chartLegend)),
            .forEach([("good", L.legendGood), ("fair", .legendFair), ("poor", .legendPoor), ("empty", .legendEmpty)]) { kind, text in
                .li(.span(.class("swatch \(kind)"), .attribute(named: "aria-hidden", value: "true")), .text(ctx.t(text)))
            })
    }

    private static func escape(_ s: String) -> String { HTMLEscape.escape(s) }

    /// "87 %" or "–".
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "–" }
        return "\(Int((ratio * 100).rounded())) %"
    }
}

import Foundation
import Plot
import LovnadCore

/// A small server-rendered SVG bar chart of the weekly say-do ratio: one bar per week, its height the
/// share kept on time, empty weeks as a faint tick. No script, no inline style (the CSP forbids both).
enum SayDoChart {
    static let width = 360, height = 64

    static func svg(_ weeks: [SayDo.Week], label: String) -> Node<HTML.BodyContext> {
        guard !weeks.isEmpty else { return .empty }
        let slot = Double(width) / Double(weeks.count)
        let bar = max(1.0, slot * 0.7)
        var parts: [String] = []
        for (i, week) in weeks.enumerated() {
            let x = String(format: "%.1f", Double(i) * slot + (slot - bar) / 2)
            let w = String(format: "%.1f", bar)
            let title = "\(week.start): \(week.tally.keptOnTime)/\(week.tally.counted)"
            if let ratio = week.tally.ratio {
                let h = max(2.0, ratio * Double(height - 4))
                let y = String(format: "%.1f", Double(height) - h)
                let kind = ratio >= 0.9 ? "good" : ratio >= 0.7 ? "fair" : "poor"
                parts.append("<rect class=\"bar \(kind)\" x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(String(format: "%.1f", h))\"><title>\(escape(title))</title></rect>")
            } else {
                parts.append("<rect class=\"bar empty\" x=\"\(x)\" y=\"\(height - 2)\" width=\"\(w)\" height=\"2\"><title>\(escape(title))</title></rect>")
            }
        }
        let svg = "<svg class=\"saydo-chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(label))\">"
            + parts.joined() + "</svg>"
        return .raw(svg)
    }

    private static func escape(_ s: String) -> String { HTMLEscape.escape(s) }

    /// "87 %" or "–".
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "–" }
        return "\(Int((ratio * 100).rounded())) %"
    }
}

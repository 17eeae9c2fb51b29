/// The `<section class="card" id="…">` of a page with this id, up to its end: where a page says an outcome.
func pageSection(_ id: String, of page: String) -> String {
    guard let start = page.range(of: "<section class=\"card\" id=\"\(id)\"") else { return "" }
    let rest = page[start.lowerBound...]
    return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
}

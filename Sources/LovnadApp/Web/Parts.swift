import Plot
import Vapor
import LovnadCore

/// Small pieces pages share.
enum Parts {
    /// The one person picker: a plain select of people (working without script, as it is), which the
    /// script gives a field that filters it as one types (`select[data-picker]` in app.js).
    static func personPicker<C: HTML.BodyContext>(_ id: String, name: String, label: String, people: [PersonRef], selected: Set<UUID> = [],
                             multiple: Bool = false, required: Bool = false, blank: String? = nil, error: String? = nil) -> Node<C> {
        .div(.class("field picker"),
            .label(.for(id), .text(label)),
            .select(.id(id), .attribute(named: "name", value: name), .attribute(named: "data-picker"),
                    .if(multiple, .attribute(named: "multiple")), .if(multiple, .attribute(named: "size", value: "6")),
                    .if(required, .attribute(named: "required")),
                    .unwrap(error) { _ in .group(.attribute(named: "aria-invalid", value: "true"), .attribute(named: "aria-describedby", value: "\(id)-error")) },
                    .unwrap(blank) { option("", $0, selected: selected.isEmpty) },
                    .forEach(people) { p in option(p.id.uuidString, p.name, selected: selected.contains(p.id)) }),
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .text($0)) })
    }

    /// A person picker over `choices`: the select above while everyone can be listed, else a field to
    /// type a name, address or handle into, which app.js gives suggestions from the people API and the
    /// server resolves (`PersonLookup`), so it works without script too.
    static func personPicker<C: HTML.BodyContext>(_ id: String, name: String, label: String, choices: PersonChoices, selected: Set<UUID> = [],
                                                  multiple: Bool = false, required: Bool = false, blank: String? = nil,
                                                  value: String? = nil, error: String? = nil, ctx: PageContext) -> Node<C> {
        if case .list(let people) = choices {
            return personPicker(id, name: name, label: label, people: people, selected: selected, multiple: multiple,
                                required: required, blank: blank, error: error)
        }
        let described = ["\(id)-hint"] + (error == nil ? [] : ["\(id)-error"])
        return .div(.class("field picker lookup"),
            .label(.for(id), .text(label)),
            .input(.id(id), .name(name), .type(.text), .value(value ?? ""), .required(required), Attribute(name: "data-person-lookup", value: nil, ignoreIfValueIsEmpty: false),
                   .attribute(named: "spellcheck", value: "false"),
                   multiple ? Attribute(name: "data-multiple", value: nil, ignoreIfValueIsEmpty: false) : .empty,
                   .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                   .attribute(named: "aria-describedby", value: described.joined(separator: " "))),
            .p(.class("hint"), .id("\(id)-hint"), .text(ctx.t(multiple ? .pickerLookupHintMany : .pickerLookupHint))),
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .text($0)) })
    }

    /// Plot's `.option` takes attributes only; options need visible text.
    static func option(_ value: String, _ text: String, selected: Bool = false) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                                          selected ? .attribute(named: "selected") : .empty, .text(text)])
    }

    /// A field's limit, which the browser keeps and app.js counts down while typing ("120 tegn igjen",
    /// in the words the page's body carries).
    static func limit<C>(_ max: Int) -> Node<C> {
        .group(.attribute(named: "maxlength", value: String(max)), .attribute(named: "data-limit", value: String(max)))
    }

    static func csrf<C: HTML.BodyContext>(_ ctx: PageContext) -> Node<C> {
        .input(.type(.hidden), .name(CSRFMiddleware.field), .value(ctx.csrfToken))
    }

    static func flash<C: HTML.BodyContext>(_ message: String?, kind: String = "notice") -> Node<C> {
        guard let message, !message.isEmpty else { return .empty }
        return .p(.class("flash \(kind)"), .attribute(named: "role", value: kind == "error" ? "alert" : "status"), .text(message))
    }

    /// A labelled text input with its error, if any, tied to it for screen readers. The id is the name
    /// unless a page has several fields of one name.
    static func textField<C: HTML.BodyContext>(_ name: String, id: String? = nil, label: String, value: String?, type: HTMLInputType = .text,
                                               required: Bool = false, error: String? = nil, autocomplete: String? = nil,
                                               limit: Int? = nil) -> Node<C> {
        let id = id ?? name
        return .div(.class("field"),
            .label(.for(id), .text(label)),
            .input(.id(id), .name(name), .type(type), .value(value ?? ""), .required(required),
                   .attribute(named: "autocomplete", value: autocomplete),
                   .attribute(named: "maxlength", value: limit.map(String.init)), .attribute(named: "data-limit", value: limit.map(String.init)),
                   .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                   .attribute(named: "aria-describedby", value: error == nil ? nil : "\(id)-error")),
            .if(error != nil, .p(.id("\(id)-error"), .class("field-error"), .text(error ?? "")))
        )
    }
}

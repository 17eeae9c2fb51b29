import Plot
import LovnadCore

// Plot escapes text nodes but writes attribute values raw. Every Plot helper that takes a text or URL
// for an attribute is declared again here, with the same signature, so that this module's calls
// resolve to these (a module's own declarations shadow those it imports) and every value passes
// through `HTMLEscape` on its way into an attribute. Plot components that build attributes inside
// Plot (the head's `.title`, which adds `<meta content>`) are replaced here too. The hostile-data
// page sweep (`HostilePagesTests`) checks that nothing gets past.

private func esc(_ value: String) -> String { HTMLEscape.escape(value) }

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self {
        Attribute(name: name, value: value.map(esc))
    }
}

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value.map(esc), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { Attribute(name: "id", value: esc(id)) }
    static func `class`(_ className: String) -> Attribute { Attribute(name: "class", value: esc(className)) }
    static func data(named name: String, value: String) -> Attribute { Attribute(name: "data-\(name)", value: esc(value)) }
    static func title(_ title: String) -> Attribute { Attribute(name: "title", value: esc(title)) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(Attribute(name: "id", value: esc(id))) }
    static func `class`(_ className: String) -> Node { .attribute(Attribute(name: "class", value: esc(className))) }
    static func data(named name: String, value: String) -> Node { .attribute(Attribute(name: "data-\(name)", value: esc(value))) }
    static func title(_ title: String) -> Node { .attribute(Attribute(name: "title", value: esc(title))) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { Attribute(name: "name", value: esc(name)) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(Attribute(name: "name", value: esc(name))) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { Attribute(name: "value", value: esc(value)) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(Attribute(name: "value", value: esc(value))) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: String) -> Attribute { Attribute(name: "href", value: esc(url)) }
    static func href(_ url: SiteURL) -> Attribute { href(url.path) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: String) -> Node { .attribute(Attribute(name: "href", value: esc(url))) }
    static func href(_ url: SiteURL) -> Node { href(url.path) }
}

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node { .attribute(Attribute(name: "datetime", value: esc(datetime))) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: String) -> Attribute { Attribute(name: "src", value: esc(url)) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: String) -> Node { .attribute(Attribute(name: "src", value: esc(url))) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: String) -> Node { .attribute(Attribute(name: "action", value: esc(url))) }
    static func action(_ url: SiteURL) -> Node { action(url.path) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(Attribute(name: "for", value: esc(target))) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { Attribute(name: "placeholder", value: esc(placeholder)) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(Attribute(name: "placeholder", value: esc(placeholder))) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { Attribute(name: "label", value: esc(label)) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { Attribute(name: "content", value: esc(content)) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { Attribute(name: "alt", value: esc(text)) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(Attribute(name: "aria-label", value: esc(label))) }
    static func ariaControls(_ child: String) -> Node { .attribute(Attribute(name: "aria-controls", value: esc(child))) }
}

extension Attribute where Context == HTML.InputContext {
    static func ariaLabel(_ label: String) -> Attribute { Attribute(name: "aria-label", value: esc(label)) }
}

extension Node where Context == HTML.SelectContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(Attribute(name: "aria-label", value: esc(label))) }
}

extension Node where Context == HTML.HeadContext {
    /// The page's title alone: Plot's version also writes it, unescaped, into social-sharing `<meta>` tags.
    static func title(_ title: String) -> Node { .element(named: "title", text: title) }
}

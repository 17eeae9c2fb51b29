/// What a message may be, and what it says about who is addressed.
public enum MessageRules {
    public static let maxLength = 4000
    /// `@kanal` (and `@channel`) addresses every member of the channel.
    public static let channelHandles: Set<String> = ["kanal", "channel"]

    /// The problem with a message body, if any.
    public static func issue(with body: String) -> FieldIssue? {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .required }
        if body.count > maxLength { return .tooLong(max: maxLength) }
        return nil
    }

    /// A root message ending in a question mark starts the channel's response clock.
    public static func looksLikeQuestion(_ body: String) -> Bool {
        body.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("?")
    }

    /// The handles written as `@handle` outside code, lowercased. A handle is a person's e-mail
    /// local part: letters (æøå too), digits, `.`, `-` and `_`, not ending in a dot.
    public static func mentionedHandles(in body: String) -> Set<String> {
        var handles: Set<String> = []
        var inFence = false
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            var inCode = false
            var previous: Character = " "
            var index = line.startIndex
            while index < line.endIndex {
                let c = line[index]
                if c == "`" { inCode.toggle() }
                if c == "@", !inCode, !isHandleCharacter(previous) {
                    let handle = handlePrefix(line[line.index(after: index)...])
                    if !handle.isEmpty { handles.insert(handle.lowercased()) }
                }
                previous = c
                index = line.index(after: index)
            }
        }
        return handles
    }

    /// The handle at the start of `text` (possibly empty).
    public static func handlePrefix(_ text: Substring) -> String {
        var handle = String(text.prefix(while: isHandleCharacter))
        while handle.hasSuffix(".") || handle.hasSuffix("-") { handle.removeLast() }
        return String(handle.prefix(64))
    }

    static func isHandleCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "." || c == "-" || c == "_"
    }

    /// A reaction is one emoji (a single grapheme, possibly with modifiers or joiners).
    public static func isReaction(_ text: String) -> Bool {
        guard text.count == 1, text.utf8.count <= 32, let first = text.unicodeScalars.first else { return false }
        let props = first.properties
        if props.isEmojiPresentation { return true }
        // Text-default emoji such as ❤ count when followed by the emoji variation selector.
        return props.isEmoji && text.unicodeScalars.contains("\u{FE0F}")
    }

    /// The two reactions offered in one tap.
    public static let quickReactions = ["👍", "❤️"]
    /// Offered behind "more reactions"; any other single emoji is accepted too.
    public static let pickerReactions = ["😄", "🎉", "🙏", "👀", "✅", "🚀", "🤔", "👏", "💡", "😮"]
}
